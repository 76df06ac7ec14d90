package main

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/datarequest"
)

// demoConsoleResult is what the console phase leaves for the operator
// pages: staff to sign in with, complaints and data-subject requests to work.
type demoConsoleResult struct {
	Staff        []demoStaff           `json:"staff"`
	Complaints   int                   `json:"complaints"`
	DataRequests demoDataRequestCounts `json:"data_requests"`
}

// runConsole seeds the console's people and queues: one staff account per
// role, complaints worked by the support desk, and UU PDP requests, all
// through the real services so the audit chain records them.
func (d *demo) runConsole(ctx context.Context) error {
	clock := prakerja.SystemClock{}
	staff, err := seedDemoStaff(ctx, d.app.store, d.app.keys, clock)
	if err != nil {
		return err
	}
	c := &demoConsoleResult{Staff: staff}
	d.res.Console = c
	rnd := rand.New(rand.NewPCG(uint64(d.opts.seed), 0xc0c0))
	if c.Complaints, err = seedDemoComplaints(ctx, d.app.store, d.app.keys, clock, d.confirmedIDs, rnd); err != nil {
		return err
	}
	agent := demoUsername(staff, prakerja.RoleSupport)
	svc := datarequest.New(d.app.store, d.app.keys, clock)
	c.DataRequests, err = seedDemoDataRequests(ctx, svc, d.confirmedIDs, agent)
	return err
}

// demoUsername is the demo account holding role.
func demoUsername(staff []demoStaff, role prakerja.Role) string {
	for _, s := range staff {
		if s.Role == role {
			return s.Username
		}
	}
	return "demo.support"
}

// reportConsole prints where the console is and how to sign in to it.
func (d *demo) reportConsole(row func(label string, n, of int)) {
	c := d.res.Console
	if c == nil {
		return
	}
	w := d.env.Stdout
	row("nominated by "+demoPartners[prakerja.RoleInstitution], d.res.Nominated, 0)
	row("complaints opened", c.Complaints, 0)
	row("data-subject requests", c.DataRequests.Downloads+c.DataRequests.Corrections+c.DataRequests.Withdrawals, 0)
	fmt.Fprintf(w, "\n  Operator console: http://%s/ops/ after `prakerja serve --data %s`\n", opsAddrDefault, d.res.Data)
	fmt.Fprintf(w, "  staff logins (demo only; the second factor is a TOTP code from the secret,\n")
	fmt.Fprintf(w, "  from an authenticator app or `prakerja staff code --secret SECRET`):\n")
	for _, s := range c.Staff {
		fmt.Fprintf(w, "    %-16s %-24s password %-32s TOTP secret %s\n", s.Role, s.Username, s.Password, s.TOTPSecret)
	}
}
