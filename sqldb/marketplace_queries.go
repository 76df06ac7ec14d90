package sqldb

// marketQueries are the statements of the training marketplace in a
// dialect's placeholder syntax, built once per dialect at start-up like
// selectionQueries.
type marketQueries struct {
	insertPlatform, platforms, platformByKey       string
	insertProvider, insertOwner, providers, owners string
	providerByKey, ownersOf                        string
	insertCourse, setCourseActive, course, courses string
	countCourses, cardHolder                       string
	insertPurchase, lockPurchase, lockVoucher      string
	payPurchase, redeem, complete, refund          string
	insertReview, countReviews, purchase           string
	purchaseByVoucher, purchases, unreviewed       string
	participantWave, countAttempt, useChallenge    string
	chargeFacts, confirmGuard                      string
	platformExists, providerExists                 string
}

// courseConflict is 1 when the course's platform owns its provider: derived
// on every read, so an ownership link found later flags old courses too.
const courseConflict = `(CASE WHEN EXISTS (SELECT 1 FROM market_provider_owners o
	WHERE o.provider_id = c.provider_id AND o.platform_id = c.platform_id) THEN 1 ELSE 0 END)`

// courseColumns are read by scanCourse, in this order.
const courseColumns = `c.id, c.provider_id, c.platform_id, c.title, c.description, c.price, c.hours,
	c.active, c.created_at, pv.name, pf.name, ` + courseConflict

const courseFrom = ` FROM market_courses c JOIN market_providers pv ON pv.id = c.provider_id
	JOIN market_platforms pf ON pf.id = c.platform_id`

// courseWhere applies a CourseFilter with fixed placeholders: each optional
// condition is switched off by its sentinel value, so the statement is one
// string prepared once, never built from input.
const courseWhere = ` WHERE (? = '' OR lower(c.title) LIKE ? ESCAPE '\')
	AND (? = 0 OR c.platform_id = ?) AND (? = 0 OR c.provider_id = ?)
	AND (? = 0 OR c.price <= ?) AND (? < 0 OR ` + courseConflict + ` = ?)
	AND (? = 0 OR c.active = 1)`

// purchaseColumns are read by scanPurchase, in this order.
const purchaseColumns = `p.id, p.registration_id, p.course_id, p.platform_id, p.provider_id, p.order_id,
	p.amount, p.state, p.challenge_id, ch.expires_at, p.transfer_id, COALESCE(p.voucher_code, ''),
	COALESCE(p.certificate, ''), p.created_at, p.paid_at, p.redeemed_at, p.completed_at, p.refunded_at,
	c.title, pf.name, pv.name, r.stars, r.body, r.created_at`

const purchaseFrom = ` FROM market_purchases p JOIN challenges ch ON ch.id = p.challenge_id
	JOIN market_courses c ON c.id = p.course_id JOIN market_platforms pf ON pf.id = p.platform_id
	JOIN market_providers pv ON pv.id = p.provider_id LEFT JOIN market_reviews r ON r.purchase_id = p.id`

// lockColumns are what a write transaction decides on, read by scanLocked;
// they come from market_purchases alone so PostgreSQL can lock the row.
const lockColumns = `id, registration_id, course_id, platform_id, provider_id, amount, state,
	challenge_id, transfer_id`

const (
	sqlInsertPlatform = `INSERT INTO market_platforms (slug, name, key_hash, created_at) VALUES (?, ?, ?, ?)
	ON CONFLICT DO NOTHING RETURNING id`
	sqlPlatforms      = `SELECT id, slug, name, key_hash, created_at FROM market_platforms ORDER BY id LIMIT ?`
	sqlPlatformByKey  = `SELECT id, slug, name, key_hash, created_at FROM market_platforms WHERE key_hash = ?`
	sqlInsertProvider = `INSERT INTO market_providers (slug, name, key_hash, created_at) VALUES (?, ?, ?, ?)
	ON CONFLICT DO NOTHING RETURNING id`
	sqlInsertOwner   = `INSERT INTO market_provider_owners (platform_id, provider_id) VALUES (?, ?)`
	sqlProviders     = `SELECT id, slug, name, key_hash, created_at FROM market_providers ORDER BY id LIMIT ?`
	sqlOwners        = `SELECT provider_id, platform_id FROM market_provider_owners ORDER BY provider_id, platform_id`
	sqlProviderByKey = `SELECT id, slug, name, key_hash, created_at FROM market_providers WHERE key_hash = ?`
	sqlOwnersOf      = `SELECT platform_id FROM market_provider_owners WHERE provider_id = ? ORDER BY platform_id`
	sqlInsertCourse  = `INSERT INTO market_courses (provider_id, platform_id, title, description, price, hours,
	active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlSetCourseActive = `UPDATE market_courses SET active = ? WHERE id = ?`
	sqlCourse          = `SELECT ` + courseColumns + courseFrom + ` WHERE c.id = ?`
	sqlCourses         = `SELECT ` + courseColumns + courseFrom + courseWhere + ` AND c.id > ? ORDER BY c.id LIMIT ?`
	sqlCountCourses    = `SELECT count(*)` + courseFrom + courseWhere
	sqlCardHolder      = `SELECT p.registration_id, p.wave_id, w.scheme, p.revoked_at, r.phone_ct FROM participants p
	JOIN waves w ON w.id = p.wave_id JOIN registrations r ON r.id = p.registration_id WHERE p.card_number = ?`

	sqlInsertPurchase = `INSERT INTO market_purchases (registration_id, course_id, platform_id, provider_id,
	order_id, amount, state, challenge_id, transfer_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT DO NOTHING RETURNING id`
	sqlLockPurchase = `SELECT ` + lockColumns + ` FROM market_purchases WHERE id = ?`
	sqlLockVoucher  = `SELECT ` + lockColumns + ` FROM market_purchases WHERE voucher_code = ?`
	sqlPayPurchase  = `UPDATE market_purchases SET state = 'paid', voucher_code = ?, paid_at = ?
	WHERE id = ? AND state = 'pending'`
	sqlRedeem = `UPDATE market_purchases SET state = 'redeemed', redeemed_at = ?
	WHERE voucher_code = ? AND provider_id = ? AND state = 'paid'`
	sqlComplete = `UPDATE market_purchases SET state = 'completed', certificate = ?, completed_at = ?
	WHERE voucher_code = ? AND provider_id = ? AND state = 'redeemed'`
	sqlRefund = `UPDATE market_purchases SET state = 'refunded', refunded_at = ?
	WHERE id = ? AND state = 'paid'`
	sqlInsertReview = `INSERT INTO market_reviews (purchase_id, registration_id, course_id, stars, body,
	created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING purchase_id`
	sqlCountReviews    = `SELECT count(*) FROM market_reviews WHERE registration_id = ?`
	sqlPurchase        = `SELECT ` + purchaseColumns + purchaseFrom + ` WHERE p.id = ?`
	sqlPurchaseByVouch = `SELECT ` + purchaseColumns + purchaseFrom + ` WHERE p.voucher_code = ?`
	sqlPurchases       = `SELECT ` + purchaseColumns + purchaseFrom + `
	WHERE (? = 0 OR p.registration_id = ?) AND (? = '' OR p.state = ?) ORDER BY p.id DESC LIMIT ?`
	sqlUnreviewed = `SELECT count(*) FROM market_purchases p LEFT JOIN market_reviews r ON r.purchase_id = p.id
	WHERE p.registration_id = ? AND p.state = 'completed' AND r.purchase_id IS NULL`
	sqlParticipantWave = `SELECT wave_id FROM participants WHERE registration_id = ?`
	sqlPlatformExists  = `SELECT count(*) FROM market_platforms WHERE id = ?`
	sqlProviderExists  = `SELECT count(*) FROM market_providers WHERE id = ?`
)

// marketQueriesOf holds the sets by dialect name.
var marketQueriesOf = map[string]*marketQueries{
	SQLite.name:     newMarketQueries(SQLite),
	PostgreSQL.name: newMarketQueries(PostgreSQL),
}

func newMarketQueries(d Dialect) *marketQueries {
	r := d.rebind
	return &marketQueries{
		insertPlatform: r(sqlInsertPlatform), platforms: r(sqlPlatforms), platformByKey: r(sqlPlatformByKey),
		insertProvider: r(sqlInsertProvider), insertOwner: r(sqlInsertOwner), providers: r(sqlProviders),
		owners: r(sqlOwners), providerByKey: r(sqlProviderByKey), ownersOf: r(sqlOwnersOf),
		insertCourse: r(sqlInsertCourse), setCourseActive: r(sqlSetCourseActive), course: r(sqlCourse),
		courses: r(sqlCourses), countCourses: r(sqlCountCourses), cardHolder: r(sqlCardHolder),
		insertPurchase: r(sqlInsertPurchase), lockPurchase: r(sqlLockPurchase + d.forUpdate),
		lockVoucher: r(sqlLockVoucher + d.forUpdate), payPurchase: r(sqlPayPurchase),
		redeem: r(sqlRedeem), complete: r(sqlComplete), refund: r(sqlRefund),
		insertReview: r(sqlInsertReview), countReviews: r(sqlCountReviews),
		purchase: r(sqlPurchase), purchaseByVoucher: r(sqlPurchaseByVouch), purchases: r(sqlPurchases),
		unreviewed: r(sqlUnreviewed), participantWave: r(sqlParticipantWave),
		countAttempt: r(sqlCountAttempt),
		useChallenge: r(sqlUseChallenge), platformExists: r(sqlPlatformExists), providerExists: r(sqlProviderExists),
		chargeFacts: r(sqlChargeFacts), confirmGuard: r(confirmGuardQuery(d)),
	}
}

// mq returns the marketplace statements of the store's dialect.
func (s *Store) mq() *marketQueries { return marketQueriesOf[s.dialect.name] }
