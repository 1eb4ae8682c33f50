package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/silkroad-bot/silkroad/internal/clock"
)

// poll runs the getUpdates loop. Each chat's updates are handled in
// order, different chats at once on at most Workers goroutines (see
// dispatcher). The loop waits for a batch to be handled before it asks
// for more, but for batchWait at most: a chat that waits longer (for its
// rate limit, say) holds up no other. The offset confirms only updates
// that are handled, or saved in the update log's pending list (save);
// the first one in flight and not saved, and any after it, stay
// unconfirmed, so Telegram sends them again after a crash, and
// getUpdates returns them again until then; they are skipped. Updates
// saved pending are handled at the next start (restore).
func (t *Transport) poll(ctx, work context.Context) error {
	if _, err := t.send.Call(ctx, 0, "deleteWebhook", nil); err != nil && ctx.Err() == nil {
		t.log.WarnContext(ctx, "deleteWebhook failed", "err", err)
	}
	t.log.InfoContext(ctx, "polling for updates", "bot", t.Username())
	offset := 0
	bo := backoff{min: t.opts.RetryMin, max: 30 * time.Second}
	secs := int(t.opts.PollTimeout / time.Second)
	d := newDispatcher(t)
	d.restore(ctx, work)
	for ctx.Err() == nil {
		d.save(ctx)
		offset = d.confirmable(offset)
		pctx, cancel := context.WithTimeout(ctx, t.opts.PollTimeout+15*time.Second)
		raw, err := t.getUpdates(pctx, getUpdates{Offset: offset, Timeout: secs})
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			d := bo.next()
			var ae *APIError
			if errors.As(err, &ae) && ae.RetryAfter > 0 {
				d = t.send.capRetryAfter(ctx, "getUpdates", ae.RetryAfter)
			}
			t.log.WarnContext(ctx, "getUpdates failed", "err", err, "retry_in", d)
			clock.Sleep(ctx, t.send.clock, d)
			continue
		}
		bo.reset()
		var batch []json.RawMessage
		if err := json.Unmarshal(raw, &batch); err != nil {
			t.log.ErrorContext(ctx, "getUpdates: bad result", "err", err)
			clock.Sleep(ctx, t.send.clock, bo.next())
			continue
		}
		ins := make([]*incoming, len(batch))
		for i, raw := range batch {
			ins[i] = decodeUpdate(raw)
		}
		d.dispatch(work, ins...)
		d.settle(ctx, batchWait)
	}
	d.stop() // every dispatched update handled or cut short
	t.confirm(work, d.confirmable(offset))
	t.log.InfoContext(work, "stopped polling")
	return nil
}

// confirm tells Telegram the updates before offset are handled, so that a
// restart does not see them again.
func (t *Transport) confirm(ctx context.Context, offset int) {
	if offset == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	_, _ = t.getUpdates(ctx, getUpdates{Offset: offset, Limit: 1})
}

// getUpdates asks for updates, outside the send limits: polling is not
// sending.
func (t *Transport) getUpdates(ctx context.Context, req getUpdates) (json.RawMessage, error) {
	p, err := params(req)
	if err != nil {
		return nil, fmt.Errorf("getUpdates: %w", err)
	}
	return t.send.call(ctx, "getUpdates", p)
}
