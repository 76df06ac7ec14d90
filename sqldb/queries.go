package sqldb

import "fmt"

// queries holds every statement in the dialect's placeholder syntax. The
// SQL itself is declared next to the code that runs it; this only rewrites
// it once, when the Store is built.
type queries struct {
	registration, registrationByNIK, registrationByEmail, registrationByPhone string
	countByKK, funnel                                                         string
	insertRegistration, taken                                                 string

	insertChallenge, latestChallenge, countChallengesSince string
	challengeForConsume, linkForConsume                    string
	countAttempt, useChallenge, confirmEmail, verifyPhone  string
	insertSession, sessionByTokenHash, revokeSession       string
	insertMessage, claimMessages                           string
	markMessageSent, markMessageFailed                     string
	messages                                               [filterCombinations]string
	hitRateLimit, pruneRateLimits                          string
	claimIdempotent, idempotent, takeOverIdempotent        string
	finishIdempotent, pruneIdempotent, releaseIdempotent   string
	tableExists, schemaVersion                             string
}

func newQueries(d Dialect) *queries {
	r := d.rebind
	q := &queries{
		registration:         r(sqlRegistration),
		registrationByNIK:    r(sqlRegistrationByNIK),
		registrationByEmail:  r(sqlRegistrationByEmail),
		registrationByPhone:  r(sqlRegistrationByPhone),
		countByKK:            r(sqlCountByKK),
		funnel:               r(sqlFunnel),
		insertRegistration:   r(sqlInsertRegistration),
		taken:                r(sqlTaken),
		insertChallenge:      r(sqlInsertChallenge),
		latestChallenge:      r(sqlLatestChallenge),
		countChallengesSince: r(sqlCountChallengesSince),
		challengeForConsume:  r(sqlChallengeForConsume + d.forUpdate),
		linkForConsume:       r(sqlLinkForConsume + d.forUpdate),
		countAttempt:         r(sqlCountAttempt),
		useChallenge:         r(sqlUseChallenge),
		confirmEmail:         r(sqlConfirmEmail),
		verifyPhone:          r(sqlVerifyPhone),
		insertSession:        r(sqlInsertSession),
		sessionByTokenHash:   r(sqlSessionByTokenHash),
		revokeSession:        r(sqlRevokeSession),
		insertMessage:        r(sqlInsertMessage),
		claimMessages:        r(fmt.Sprintf(sqlClaimMessages, d.skipLocked)),
		markMessageSent:      r(sqlMarkMessageSent),
		markMessageFailed:    r(sqlMarkMessageFailed),
		hitRateLimit:         r(sqlHitRateLimit),
		pruneRateLimits:      r(sqlPruneRateLimits),
		claimIdempotent:      r(sqlClaimIdempotent),
		idempotent:           r(sqlIdempotent + d.forUpdate),
		takeOverIdempotent:   r(sqlTakeOverIdempotent),
		finishIdempotent:     r(sqlFinishIdempotent),
		pruneIdempotent:      r(sqlPruneIdempotent),
		releaseIdempotent:    r(sqlReleaseIdempotent),
		tableExists:          r(d.tableExists),
		schemaVersion:        r(sqlSchemaVersion),
	}
	for bits := range q.messages {
		q.messages[bits] = r(messagesQuery(bits))
	}
	return q
}
