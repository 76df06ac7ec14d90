package http

// messagesStaffEN are the English texts of console sign-in, the account
// page and staff management; init merges them into messagesEN.
var messagesStaffEN = map[string]string{
	"role.operator":        "Operator (PMO)",
	"role.verifier":        "Verifier",
	"role.finance_maker":   "Finance (maker)",
	"role.finance_checker": "Finance (checker)",
	"role.auditor":         "Auditor",
	"role.platform":        "Training platform",
	"role.institution":     "Nominating institution",
	"role.support":         "Support",

	"field.username":         "Username",
	"field.password":         "Password",
	"field.totp":             "Authenticator code",
	"field.current_password": "Current password",
	"field.new_password":     "New password",
	"field.display_name":     "Display name",
	"field.role":             "Role",
	"field.partner_ref":      "Partner (platform slug or institution code)",
	"hint.totp":              "6 digits from your authenticator app.",
	"hint.new_password":      "12 to 128 characters. A long passphrase is best.",
	"hint.username":          "3 to 32 lower-case letters, digits, dots, dashes or underscores, starting with a letter.",
	"hint.partner_ref":       "Only for platform and institution staff.",

	"ops.signed_in_as": "Signed in as %s (%s).",
	"ops.logout":       "Sign out",

	"ops.login.heading": "Operator console sign-in",
	"ops.login.intro":   "Sign in with your username and password, then the code from your authenticator app.",
	"ops.login.off":     "Staff sign-in is not configured on this server.",
	"ops.login.submit":  "Sign in",
	"ops.login.cancel":  "Cancel sign-in",
	"ops.login.failed":  "Sign-in failed: the username, password or code is wrong, or the account is locked for a while. Try again, or ask an operator.",
	"ops.login.again":   "Please sign in again.",
	"ops.totp.heading":  "Authenticator code",
	"ops.totp.intro":    "Enter the 6-digit code your authenticator app shows now.",

	"ops.enrol.heading": "Set up your authenticator app",
	"ops.enrol.intro":   "Your account needs a second step at every sign-in: a code from an authenticator app on your work phone (for example FreeOTP, Aegis or Google Authenticator).",
	"ops.enrol.scan":    "1. Scan the QR code",
	"ops.enrol.qr_alt":  "QR code of the authenticator secret; the same secret is written below.",
	"ops.enrol.type":    "Or type the secret",
	"ops.enrol.secret":  "Secret (time-based, 6 digits, 30 seconds):",
	"ops.enrol.uri":     "Setup link:",
	"ops.enrol.confirm": "2. Enter the first code to finish",

	"ops.account.heading":        "My account",
	"ops.account.password":       "Change password",
	"ops.account.password_intro": "Changing your password signs you out everywhere; sign in again with the new one.",
	"ops.account.change":         "Change password",
	"ops.account.changed":        "Your password was changed. Sign in with the new one.",

	"ops.staff.heading":        "Staff accounts",
	"ops.staff.state":          "State",
	"ops.staff.actions":        "Actions",
	"ops.staff.state_active":   "Active",
	"ops.staff.state_disabled": "Disabled",
	"ops.staff.state_locked":   "Locked after wrong attempts",
	"ops.staff.state_enrol":    "Authenticator not set up yet",
	"ops.staff.reset_totp":     "Reset authenticator",
	"ops.staff.reset_totp_for": "Reset authenticator for %s",
	"ops.staff.disable":        "Disable",
	"ops.staff.disable_for":    "Disable %s",
	"ops.staff.disabled_done":  "The account was disabled and its sessions ended.",
	"ops.staff.enable":         "Enable again",
	"ops.staff.enable_for":     "Enable again %s",
	"ops.staff.enabled_done":   "The account is enabled again; its holder sets up a new authenticator at the next sign-in.",
	"ops.staff.totp_done":      "The authenticator was reset; the account sets up a new one at its next sign-in.",
	"ops.staff.new":            "New account",
	"ops.staff.new_intro":      "A strong password is generated and shown once; hand it over in person. The authenticator is set up at the first sign-in.",
	"ops.staff.create":         "Create account",
	"ops.staff.created":        "Account %s was created.",
	"ops.staff.password_once":  "Its password, shown only now:",
}

func init() {
	for k, v := range messagesStaffEN {
		messagesEN[k] = v
	}
}
