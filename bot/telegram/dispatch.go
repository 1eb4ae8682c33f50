package telegram

import (
	"context"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"sync"
	"time"
)

// batchWait is how long the polling loop waits for the updates in flight
// before it asks for new ones anyway.
const batchWait = 50 * time.Millisecond

// dispatcher hands polled updates to at most Workers goroutines, made
// as needed and kept until polling stops. Chats with updates waiting
// take turns: a worker handles one update of the chat first in line and
// puts the chat back at the end of the line if it has more, so each
// chat's updates are handled in order, one at a time, and a chat with
// many holds up no other. It tracks which update ids are in flight or
// handled until the offset confirms them.
type dispatcher struct {
	t  *Transport
	wg sync.WaitGroup

	mu       sync.Mutex
	work     *sync.Cond             // signalled when a chat joins ready, or on stop
	queues   map[string][]*incoming // by chat key, not yet started
	ready    []string               // chats with updates waiting and no worker, in turn
	busy     map[string]bool        // chats in ready or with a worker
	workers  int                    // goroutines made
	waiting  int                    // workers waiting for a chat and not signalled
	stopping bool                   // no more dispatches: workers finish what is left and exit
	seen     map[int64]seenUpdate   // ids not yet confirmed
	inFlight int                    // updates dispatched and not yet handled
	idle     chan struct{}          // closed when inFlight falls to 0
}

func newDispatcher(t *Transport) *dispatcher {
	d := &dispatcher{t: t, queues: map[string][]*incoming{}, busy: map[string]bool{},
		seen: map[int64]seenUpdate{}}
	d.work = sync.NewCond(&d.mu)
	return d
}

// dispatch queues in for handling under ctx, unless it is an update
// polled again while in flight, or handled but not yet confirmed.
// dispatch queues updates for the workers, all of them before any
// worker may take one, so that the chats of one batch take turns from
// the first update on.
func (d *dispatcher) dispatch(ctx context.Context, ins ...*incoming) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, in := range ins {
		d.queue(ctx, in)
	}
}

// queue queues one update. d.mu must be held.
func (d *dispatcher) queue(ctx context.Context, in *incoming) {
	if in.id != nil {
		if _, seen := d.seen[*in.id]; seen {
			return
		}
		// The update log is read here, in id order, not by the worker:
		// every update this process marked was dispatched before, so has
		// a smaller id, and the log answers from memory unless the update
		// is from before a restart.
		if d.t.opts.Updates != nil {
			if d.t.handledBefore(ctx, *in.id) {
				d.seen[*in.id] = seenUpdate{state: updateDone}
				return
			}
			in.logChecked = true
		}
		st := updateInFlight
		if in.pending {
			st = updateSaved
		}
		d.seen[*in.id] = seenUpdate{state: st, raw: in.raw}
	}
	k := in.chatKey(d.t.h.PollChat)
	// A class's votes come all at once and each must count: they are
	// never dropped for backlog, nor count towards it.
	if in.u.PollAnswer == nil && len(d.queues[k]) >= maxBacklog && backlog(d.queues[k]) >= maxBacklog {
		// A chat sending faster than its rate limit lets the bot answer
		// (a group over 20 replies a minute, say): answers this late
		// would only be noise. Deliberately silent, and logged.
		d.t.log.WarnContext(ctx, "chat backlog full; not answering an update", "chat", k, "update", in.u.updateID(), "waiting", len(d.queues[k]))
		if in.id != nil {
			d.seen[*in.id] = seenUpdate{state: updateDone}
		}
		return
	}
	if d.inFlight == 0 {
		d.idle = make(chan struct{})
	}
	d.inFlight++
	d.queues[k] = append(d.queues[k], in)
	if d.busy[k] {
		return
	}
	d.busy[k] = true
	d.ready = append(d.ready, k)
	switch {
	case d.waiting > 0:
		// Counted off here, not when it wakes: the next chat of this
		// batch needs another worker.
		d.waiting--
		d.work.Signal()
	case d.workers < d.t.opts.Workers:
		d.workers++
		d.wg.Go(func() { d.run(ctx) })
	}
}

// maxBacklog is how many updates of one chat may wait to be handled;
// more are not answered.
const maxBacklog = 100

// run is a worker: it handles updates of the chats in ready, in turn,
// until stop.
func (d *dispatcher) run(ctx context.Context) {
	d.mu.Lock()
	for {
		for len(d.ready) == 0 {
			if d.stopping {
				d.mu.Unlock()
				return
			}
			d.waiting++ // until dispatch signals it
			d.work.Wait()
		}
		k := d.ready[0]
		d.ready = d.ready[1:]
		in := d.queues[k][0]
		d.queues[k] = d.queues[k][1:]
		d.mu.Unlock()

		if ctx.Err() == nil { // else shut down: leave it for the next start
			d.t.handleUpdate(ctx, in)
		}

		d.mu.Lock()
		if in.id != nil && ctx.Err() == nil { // else cut short: leave it to the next start
			d.seen[*in.id] = seenUpdate{state: updateDone}
		}
		d.inFlight--
		if d.inFlight == 0 {
			close(d.idle)
		}
		if len(d.queues[k]) > 0 {
			d.ready = append(d.ready, k)
		} else {
			delete(d.queues, k)
			delete(d.busy, k)
		}
	}
}

// stop lets the workers exit once every update dispatched has been
// handled (or skipped, when ctx is done), and waits for them.
func (d *dispatcher) stop() {
	d.mu.Lock()
	d.stopping = true
	d.waiting = 0
	d.work.Broadcast()
	d.mu.Unlock()
	d.wg.Wait()
}

// settle waits until no update is in flight, or max has passed.
func (d *dispatcher) settle(ctx context.Context, max time.Duration) {
	d.mu.Lock()
	busy, idle := d.inFlight > 0, d.idle
	d.mu.Unlock()
	if !busy {
		return
	}
	deadline := time.NewTimer(max)
	defer deadline.Stop()
	select {
	case <-idle:
	case <-deadline.C:
	case <-ctx.Done():
	}
}

// confirmable returns the offset that confirms every update below the
// first one in flight and not saved (at least offset), and forgets those.
func (d *dispatcher) confirmable(offset int) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	low := int64(math.MaxInt64) // the first update in flight and not saved
	for id, u := range d.seen {
		if u.state == updateInFlight {
			low = min(low, id)
		}
	}
	next := offset
	if low < math.MaxInt64 {
		// Updates come in id order: all below the first one in flight
		// are handled or saved, or were confirmed before.
		next = max(next, int(low))
	} else {
		for id := range d.seen {
			next = max(next, int(id)+1)
		}
	}
	for id := range d.seen {
		if int(id) < next {
			delete(d.seen, id)
		}
	}
	return next
}

// seenUpdate is where a polled update stands until the offset confirms
// it.
type seenUpdate struct {
	state updateState
	raw   json.RawMessage // the update, while in flight and not saved
}

type updateState uint8

const (
	updateInFlight updateState = iota // dispatched, not handled yet
	updateSaved                       // in flight, and saved in the update log's pending list
	updateDone                        // handled, now or before a restart
)

// save keeps the updates in flight that are not saved yet in the update
// log's pending list, so that the offset may confirm them and polling go
// on past them. The poll loop calls it once the updates of a batch have
// had batchWait to be handled, so this costs nothing while answers are
// fast; an update that waits long (for its chat's rate limit, say) no
// longer keeps the next hundred from being fetched.
func (d *dispatcher) save(ctx context.Context) {
	if d.t.opts.Updates == nil {
		return
	}
	d.mu.Lock()
	batch := map[int64][]byte{}
	for id, u := range d.seen {
		if u.state == updateInFlight {
			batch[id] = u.raw
		}
	}
	d.mu.Unlock()
	if len(batch) == 0 {
		return
	}
	if err := d.t.opts.Updates.SavePending(batch); err != nil {
		d.t.log.WarnContext(ctx, "saving updates in flight failed; they stay unconfirmed", "updates", len(batch), "err", err)
		return
	}
	d.mu.Lock()
	for id := range batch {
		if d.seen[id].state == updateInFlight {
			d.seen[id] = seenUpdate{state: updateSaved}
		}
	}
	d.mu.Unlock()
}

// restore dispatches the updates saved pending and not handled before
// the last stop, in id order.
func (d *dispatcher) restore(ctx, work context.Context) {
	if d.t.opts.Updates == nil {
		return
	}
	pending, err := d.t.opts.Updates.Pending()
	if err != nil {
		d.t.log.ErrorContext(ctx, "reading the updates saved pending failed; they are not answered", "err", err)
		return
	}
	ids := slices.Sorted(maps.Keys(pending))
	if len(ids) > 0 {
		d.t.log.InfoContext(ctx, "handling updates saved pending before the last stop", "updates", len(ids))
	}
	ins := make([]*incoming, 0, len(ids))
	for _, id := range ids {
		in := decodeUpdate(pending[id])
		if in.id == nil || *in.id != id {
			in.id = &id // the log's id wins over a damaged copy
		}
		in.pending = true
		ins = append(ins, in)
	}
	d.dispatch(work, ins...)
}

// backlog is how many of queue's updates are not votes.
func backlog(queue []*incoming) int {
	n := 0
	for _, in := range queue {
		if in.u.PollAnswer == nil {
			n++
		}
	}
	return n
}
