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
	advanceStatus, bumpStatusMinute                        string
	insertSession, sessionByTokenHash, revokeSession       string
	insertMessage, claimMessages                           string
	markMessageSent, markMessageFailed                     string
	messages                                               [filterCombinations]string
	hitRateLimit, pruneRateLimits                          string
	claimIdempotent, idempotent, takeOverIdempotent        string
	finishIdempotent, pruneIdempotent, releaseIdempotent   string
	tableExists, schemaVersion                             string

	claimWork, completeWork, recordStep, retryWork         string
	recordStepAs                                           string
	completeWorkArrays, retryWorkArrays, insertFlag        string
	insertFlagsArrays, stepRecords                         string
	backlogCounts, backlogEntered, reasonCounts, dedupPage string
	insertImport, clearCurrent, finishImport, imports      string
	insertEntry, insertEntriesArrays, flagForReview        string
	reviewFlag                                             string
	flags                                                  [flagFilterCombinations]string
	reasonsForUpdate, makeIneligible                       string
	insertDispute, disputeForResolve, resolveDispute       string
	holderByNIK, disputes, disputesByStatus                string
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
		advanceStatus:        r(sqlAdvanceStatus),
		bumpStatusMinute:     r(sqlBumpStatusMinute),
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
	q.addReview(d)
	return q
}

// addReview builds the statements of the verification pipeline, the
// exclusion lists and review (issue 3).
func (q *queries) addReview(d Dialect) {
	r := d.rebind
	q.claimWork = r(fmt.Sprintf(sqlClaimWork, d.skipLocked))
	q.completeWork, q.recordStep, q.retryWork = r(sqlCompleteWork), r(sqlRecordStep), r(sqlRetryWork)
	q.recordStepAs = r(sqlRecordStepAs)
	q.completeWorkArrays, q.retryWorkArrays = r(sqlCompleteWorkArrays), r(sqlRetryWorkArrays)
	q.insertFlag, q.insertFlagsArrays = r(sqlInsertFlag), r(sqlInsertFlagsArrays)
	q.stepRecords, q.dedupPage = r(sqlStepRecords), r(sqlDedupPage)
	q.backlogCounts, q.backlogEntered = r(sqlBacklogCounts), r(sqlBacklogEntered)
	q.reasonCounts = r(fmt.Sprintf(sqlReasonCounts, fmt.Sprintf(d.reasonsEach, "registrations.reasons")))
	q.insertImport, q.clearCurrent, q.finishImport = r(sqlInsertImport), r(sqlClearCurrent), r(sqlFinishImport)
	q.imports, q.insertEntry, q.insertEntriesArrays = r(sqlImports), r(sqlInsertEntry), r(sqlInsertEntriesArrays)
	q.flagForReview, q.reviewFlag = r(sqlFlag+d.forUpdate), r(sqlReviewFlag)
	q.reasonsForUpdate, q.makeIneligible = r(sqlReasonsForUpdate+d.forUpdate), r(sqlMakeIneligible)
	q.insertDispute, q.disputeForResolve = r(sqlInsertDispute), r(sqlDispute+d.forUpdate)
	q.resolveDispute, q.holderByNIK = r(sqlResolve), r(sqlHolderByNIK)
	q.disputes, q.disputesByStatus = r(sqlDisputes), r(sqlDisputesState)
	for bits := range q.flags {
		q.flags[bits] = r(flagsQuery(bits))
	}
}
