package main

import (
	"context"
	"fmt"
	"net"
)

// opsAddrDefault is where serve puts the operator console unless told
// otherwise: loopback, so a fresh install exposes nothing until an
// operator chooses an interface. Every console route needs a staff
// sign-in, so any address may be given.
const opsAddrDefault = "127.0.0.1:8081"

// listenOps opens the operator listener; nil for "off" or "".
func listenOps(addr string) (net.Listener, error) {
	if addr == "" || addr == "off" {
		return nil, nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on --ops-addr: %w", err)
	}
	return ln, nil
}

func closeListener(ln net.Listener) {
	if ln != nil {
		ln.Close()
	}
}

func listenerAddr(ln net.Listener) string {
	if ln == nil {
		return "off"
	}
	return ln.Addr().String()
}

// runWithOps is run plus the operator pages on opsLn, when there is one.
func (a *app) runWithOps(ctx context.Context, ln, opsLn net.Listener) error {
	if opsLn == nil {
		return a.run(ctx, ln)
	}
	octx, stop := context.WithCancel(ctx)
	defer stop()
	opsDone := make(chan error, 1)
	go func() { opsDone <- a.server.ServeOps(octx, opsLn) }()
	err := a.run(ctx, ln)
	stop()
	if oerr := <-opsDone; oerr != nil && err == nil {
		err = fmt.Errorf("operator pages: %w", oerr)
	}
	return err
}
