package main

import (
	"context"
	"fmt"
	"net"
)

// opsAddrDefault is where serve puts the operator pages unless told
// otherwise: loopback, because they have no sign-in until the operator
// console with roles exists.
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
	if t, ok := ln.Addr().(*net.TCPAddr); !ok || !t.IP.IsLoopback() {
		ln.Close()
		return nil, fmt.Errorf("--ops-addr %s is not a loopback address: the operator pages have no sign-in yet", addr)
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
