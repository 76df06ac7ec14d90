package prakerja

import "slices"

// Role is a staff member's job in the programme office or at a partner.
// A staff account has exactly one role; what it may do follows from the
// role alone (RoleCan), so an auditor can read the whole matrix in one place.
type Role string

const (
	RoleOperator       Role = "operator"        // PMO: runs the programme, manages staff
	RoleVerifier       Role = "verifier"        // reviews identity flags and NIK disputes
	RoleFinanceMaker   Role = "finance_maker"   // prepares payout runs
	RoleFinanceChecker Role = "finance_checker" // approves or refuses payout runs
	RoleAuditor        Role = "auditor"         // reads everything, changes nothing
	RolePlatform       Role = "platform"        // a training platform's staff
	RoleInstitution    Role = "institution"     // a nominating institution's staff
	RoleSupport        Role = "support"         // works complaints and data-subject requests
)

// Roles lists every role, in the order the console shows them.
func Roles() []Role {
	return []Role{RoleOperator, RoleVerifier, RoleFinanceMaker, RoleFinanceChecker,
		RoleAuditor, RolePlatform, RoleInstitution, RoleSupport}
}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool { return slices.Contains(Roles(), r) }

// Permission is one thing a console page or staff API call needs. Every
// operator route names exactly one; a route without one is refused.
type Permission string

const (
	PermDashboard       Permission = "dashboard.view"   // dashboards and backlog
	PermRegistrantView  Permission = "registrant.view"  // follow one registrant
	PermIdentityView    Permission = "identity.view"    // flags and disputes, read
	PermIdentityReview  Permission = "identity.review"  // decide flags and disputes
	PermJobsView        Permission = "jobs.view"        // scheduled jobs
	PermMarketView      Permission = "market.view"      // marketplace oversight
	PermPayoutView      Permission = "payout.view"      // payout runs and exceptions
	PermPayoutPrepare   Permission = "payout.prepare"   // maker
	PermPayoutApprove   Permission = "payout.approve"   // checker
	PermAuditView       Permission = "audit.view"       // the audit chain
	PermComplaintView   Permission = "complaint.view"   // complaints, read
	PermComplaintWork   Permission = "complaint.work"   // take, note, resolve complaints
	PermDataRequestView Permission = "datarequest.view" // UU PDP requests, read
	PermDataRequestWork Permission = "datarequest.work" // answer UU PDP requests
	PermTargetingView   Permission = "targeting.view"   // aggregates by region
	PermTargetingExport Permission = "targeting.export" // individual-level export
	PermStaffManage     Permission = "staff.manage"     // create, disable, reset staff
	PermMetrics         Permission = "metrics.view"     // Prometheus /metrics
	PermPlatformOwn     Permission = "platform.own"     // a platform's own sales
	PermNominationOwn   Permission = "nomination.own"   // an institution's own nominations
	PermSelf            Permission = "self"             // own session, password, TOTP
)

// rolePermissions is the role matrix. Auditors get every read permission
// and no write; partners see only their own pages.
var rolePermissions = map[Role][]Permission{
	RoleOperator: {PermDashboard, PermRegistrantView, PermIdentityView, PermJobsView, PermMarketView,
		PermPayoutView, PermAuditView, PermComplaintView, PermDataRequestView, PermTargetingView,
		PermTargetingExport, PermStaffManage, PermMetrics, PermSelf},
	RoleVerifier:       {PermDashboard, PermRegistrantView, PermIdentityView, PermIdentityReview, PermSelf},
	RoleFinanceMaker:   {PermDashboard, PermPayoutView, PermPayoutPrepare, PermSelf},
	RoleFinanceChecker: {PermDashboard, PermPayoutView, PermPayoutApprove, PermSelf},
	RoleAuditor: {PermDashboard, PermRegistrantView, PermIdentityView, PermJobsView, PermMarketView,
		PermPayoutView, PermAuditView, PermComplaintView, PermDataRequestView, PermTargetingView,
		PermMetrics, PermSelf},
	RolePlatform:    {PermPlatformOwn, PermSelf},
	RoleInstitution: {PermNominationOwn, PermSelf},
	RoleSupport: {PermDashboard, PermRegistrantView, PermComplaintView, PermComplaintWork,
		PermDataRequestView, PermDataRequestWork, PermSelf},
}

// RoleCan reports whether role r holds permission p. An unknown role holds
// nothing.
func RoleCan(r Role, p Permission) bool {
	return slices.Contains(rolePermissions[r], p)
}
