package http

// messagesMarketEN are the training marketplace's texts in English.
var messagesMarketEN = map[string]string{
	"code.card_unknown":         "This Kartu Prakerja number is not registered. Check the number.",
	"code.card_revoked":         "This Kartu Prakerja card has been revoked and cannot be used.",
	"code.balance_insufficient": "The training balance does not cover this course's price.",
	"code.course_inactive":      "This course is not for sale now.",
	"code.programme_ended":      "The programme has ended; the training balance can no longer be spent.",
	"code.order_taken":          "The platform has used this order number before.",
	"code.voucher_unknown":      "Unknown voucher code.",
	"code.voucher_state":        "The voucher's state does not allow this step.",
	"code.review_required":      "Review and rate your completed training first.",

	"market.catalogue_title":    "Training catalogue",
	"market.search_label":       "Search trainings",
	"market.search_button":      "Search",
	"market.only_clean":         "Hide trainings with a conflict of interest",
	"market.conflict":           "Conflict of interest: the selling platform owns or is affiliated with this training provider.",
	"market.conflict_badge":     "Conflict of interest",
	"market.provider":           "Training provider",
	"market.platform":           "Sold on",
	"market.price":              "Price",
	"market.hours":              "Length",
	"market.hours_value":        "%d hours",
	"market.none":               "No training matches.",
	"market.next":               "Next page",
	"market.total":              "%d trainings found",
	"market.how_title":          "How to buy",
	"market.how_1":              "Open the digital platform that sells this training and choose it.",
	"market.how_2":              "Choose Kartu Prakerja as the payment method and enter your 16-digit card number.",
	"market.how_3":              "Enter the OTP code sent by SMS. Never share that code with anyone.",
	"market.how_4":              "The voucher code appears in the platform's order history and on My trainings; redeem it on the provider's page.",
	"market.back":               "Back to the catalogue",
	"market.mine_title":         "My trainings",
	"market.balance":            "Training balance",
	"market.no_purchases":       "You have not bought a training yet.",
	"market.voucher":            "Voucher code",
	"market.state":              "Status",
	"market.certificate":        "Certificate",
	"market.state.pending":      "Waiting for the OTP code",
	"market.state.paid":         "Paid, not redeemed yet",
	"market.state.redeemed":     "In progress",
	"market.state.completed":    "Completed",
	"market.state.refunded":     "Refunded",
	"market.review_title":       "Review and rate",
	"market.review_needed":      "Write a review and give a rating so that your incentives are scheduled.",
	"market.stars":              "Rating",
	"market.star_n":             "%d stars",
	"market.review_text":        "Review (required, at most 2000 characters)",
	"market.review_submit":      "Send review",
	"market.reviewed_ok":        "Thank you, your review is saved.",
	"market.your_review":        "Your review",
	"market.see_catalogue":      "See the training catalogue",
	"market.my_trainings":       "My trainings",
	"market.course":             "Training",
	"ops.market.heading":        "Training marketplace",
	"ops.market.summary":        "%d of %d trainings are sold by a platform that owns their provider (conflict of interest).",
	"ops.market.platform":       "Platform",
	"ops.market.courses":        "Trainings",
	"ops.market.conflicted":     "With a conflict of interest",
	"ops.market.owned":          "Providers it owns",
	"market.review_field.stars": "Choose a rating of 1 to 5 stars.",
	"market.review_field.text":  "Write a review of at most 2000 characters.",
}

// init merges the marketplace's texts into the two languages; a key
// defined twice is a bug that must stop the binary at start.
func init() {
	for _, m := range []struct{ dst, src map[string]string }{{messagesID, messagesMarketID}, {messagesEN, messagesMarketEN}} {
		for k, v := range m.src {
			if _, dup := m.dst[k]; dup {
				panic("http: message key defined twice: " + k)
			}
			m.dst[k] = v
		}
	}
}
