package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

// waveClose is `prakerja wave close`: the operator's early close of an
// open wave (its joiners are in, or a ministry decision), audited under
// the operator's name. Joins are refused from that instant, as at a
// planned close.
func waveClose(ctx context.Context, w io.Writer, wf *waveFlags) error {
	by := strings.TrimSpace(*wf.by)
	switch {
	case *wf.waveID <= 0:
		return fmt.Errorf("--wave N is required: the id `prakerja wave list` shows")
	case by == "" || len(by) > prakerja.AuditActorMax:
		return fmt.Errorf("--by NAME is required (the operator, at most %d bytes)", prakerja.AuditActorMax)
	}
	store, err := wf.sf.Open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	now := time.Now().UTC()
	wave, err := store.CloseWaveEarly(prakerja.WithAuditActor(ctx, by), *wf.waveID, now)
	if err != nil {
		return readableError(err)
	}
	fmt.Fprintf(w, "wave %d %q closed early by %s at %s; joins are refused from now on\n",
		wave.ID, wave.Name, by, wave.ClosesAt.In(prakerja.WIB).Format(waveShownLayout))
	return reviewEncode(w, *wf.asJSON, map[string]waveJSON{"wave": waveJSONOf(wave, now, 0)})
}
