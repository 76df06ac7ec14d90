package http

// messagesJobsEN are the English texts of the survey and incentive pages
// and their error codes; init merges them into messagesEN.
var messagesJobsEN = map[string]string{
	"survey.heading":   "Evaluation surveys",
	"survey.intro":     "Fill in each survey once your first training is finished. Your answers do not affect your incentives: every completed survey unlocks its survey incentive.",
	"survey.closes":    "Surveys can be filled in until %s.",
	"survey.number":    "Survey %d",
	"survey.incentive": "Survey incentive",
	"survey.none":      "There are no surveys for you yet.",
	"survey.sent":      "Thank you, your answers are saved. The survey incentive will be unlocked shortly.",
	"survey.submit":    "Send answers",

	"survey.state.waiting":  "Waiting for the first training or the survey before",
	"survey.state.open":     "Open now",
	"survey.state.done":     "Answered, incentive being unlocked",
	"survey.state.unlocked": "Answered, incentive available",
	"survey.state.closed":   "Closed",

	"survey.q.employment":    "What is your work status now?",
	"survey.q.usefulness":    "How useful was your training? (1 = not at all, 5 = very)",
	"survey.q.income_change": "How does your income compare with when you registered?",

	"survey.employment.employed":      "Employed",
	"survey.employment.self_employed": "Self-employed",
	"survey.employment.unemployed":    "Not working",
	"survey.employment.studying":      "Studying",
	"survey.income.up":                "Higher",
	"survey.income.same":              "The same",
	"survey.income.down":              "Lower",

	"incentive.heading":     "Incentive schedule",
	"incentive.intro":       "Incentives are paid monthly once your first training is finished and you have reviewed it.",
	"incentive.slot":        "No.",
	"incentive.amount":      "Amount",
	"incentive.state":       "Status",
	"incentive.total":       "Total incentives",
	"incentive.payout_note": "Available incentives reach your bank account or e-wallet within 3–5 working days.",

	"incentive.state.waiting":   "Waiting for the training to finish",
	"incentive.state.scheduled": "Scheduled on %s WIB",
	"incentive.state.available": "Available",
	"incentive.state.revoked":   "Cancelled: participation revoked",

	"ops.jobs.heading":  "Scheduled jobs",
	"ops.jobs.intro":    "Incentive unlocks, first-purchase deadlines and programme ends. A job that failed 20 times is not retried: look at its reason.",
	"ops.jobs.kind":     "Kind",
	"ops.jobs.state":    "State",
	"ops.jobs.failed":   "Failed for good",
	"ops.jobs.subject":  "Registration/slot",
	"ops.jobs.attempts": "Attempts",
	"ops.jobs.due":      "Due",
	"ops.jobs.error":    "Last reason",
	"ops.jobs.wave":     "Wave",

	"code.survey_not_open": "This survey cannot be filled in yet: finish the first training or the survey before.",
	"code.survey_closed":   "This survey is closed.",
	"code.survey_done":     "You have already filled in this survey.",
}

func init() {
	for k, v := range messagesJobsEN {
		messagesEN[k] = v
	}
}
