package bot

import (
	"context"
	"fmt"
	"runtime/debug"
	"slices"
)

// Next handles an Input: the next layer, or at the end the routing to
// commands, buttons and questions.
type Next func(ctx context.Context, in *Input) ([]Reply, error)

// Middleware is a layer around the handling of every request, as in
// telebot and go-telegram/bot: it may look at the Input, answer it
// itself, or pass it on to next and change what comes back.
type Middleware func(next Next) Next

// Use adds layers around the routing, inside the built-in ones (the
// first given is the outermost of them). Call it before the first
// Handle.
func (h *Handler) Use(m ...Middleware) {
	h.extra = append(h.extra, m...)
}

// layers are every request's layers, outermost first: the language is
// chosen first, so that every reply, a failure's too, speaks it; a
// button press always gets its one answer; a panic anywhere inside
// becomes one friendly reply; then what the bot does not answer is
// dropped before it counts, floods are held back, admin commands are
// refused to others, and an error becomes one friendly reply.
func (h *Handler) layers() []Middleware {
	return append([]Middleware{
		h.chooseLang, h.noticeCallbacks, h.recoverPanics,
		h.addressed, h.countStats, h.floodGuard, h.adminCheck, h.reportErrors,
	}, h.extra...)
}

// handler returns the whole chain, built once.
func (h *Handler) handler() Next {
	h.chainOnce.Do(func() {
		next := Next(h.route)
		ls := h.layers()
		for i := len(ls) - 1; i >= 0; i-- {
			next = ls[i](next)
		}
		h.chain = next
	})
	return h.chain
}

// chooseLang sets the language the request is answered in (see lang).
func (h *Handler) chooseLang(next Next) Next {
	return func(ctx context.Context, in *Input) ([]Reply, error) {
		in.Lang = h.lang(ctx, in.Request)
		in.p = newPrinter(in.Lang)
		return next(ctx, in)
	}
}

// noticeCallbacks gives a button press exactly one answer to its
// callback query, an empty one when nothing else answered it.
func (h *Handler) noticeCallbacks(next Next) Next {
	return func(ctx context.Context, in *Input) ([]Reply, error) {
		replies, err := next(ctx, in)
		if in.Kind == KindCallback && !slices.ContainsFunc(replies, Reply.Noticed) {
			replies = append([]Reply{Answer("")}, replies...)
		}
		return replies, err
	}
}

// recoverPanics turns a panic into a log line and the failure reply:
// the one place the bot recovers.
func (h *Handler) recoverPanics(next Next) Next {
	return func(ctx context.Context, in *Input) (replies []Reply, err error) {
		defer func() {
			if v := recover(); v != nil {
				h.log.ErrorContext(ctx, "handler panic", "update", in.UpdateID, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				h.stats.errors.Add(1)
				replies, err = h.failed(in), nil
			}
		}()
		return next(ctx, in)
	}
}

// addressed drops what the bot does not answer (see Wants).
func (h *Handler) addressed(next Next) Next {
	return func(ctx context.Context, in *Input) ([]Reply, error) {
		if !h.Wants(in.Request) {
			return nil, nil
		}
		return next(ctx, in)
	}
}

// countStats counts the request and its user for /stats.
func (h *Handler) countStats(next Next) Next {
	return func(ctx context.Context, in *Input) ([]Reply, error) {
		h.stats.updates.Add(1)
		h.stats.seen(in.UserID)
		return next(ctx, in)
	}
}

// floodGuard warns, then mutes, a user who sends messages too fast
// (WithFlood).
func (h *Handler) floodGuard(next Next) Next {
	return func(ctx context.Context, in *Input) ([]Reply, error) {
		if in.Kind == KindMessage || in.Kind == KindOther {
			switch h.flood.check(in.UserID, h.now()) {
			case floodWarn:
				h.log.WarnContext(ctx, "flood: user muted", "update", in.UpdateID, "user", in.UserID)
				return []Reply{Message(esc(in.T(msgSlowDown)))}, nil
			case floodDrop:
				return nil, nil
			}
		}
		return next(ctx, in)
	}
}

// adminCheck answers an admin command (RegisterAdmin) from anyone but
// an admin (WithAdmins) as a command that does not exist.
func (h *Handler) adminCheck(next Next) Next {
	return func(ctx context.Context, in *Input) ([]Reply, error) {
		if in.Kind == KindMessage && h.adminOnly[in.Command] && !h.admins[in.UserID] {
			return h.unknownCommand(in), nil
		}
		return next(ctx, in)
	}
}

// reportErrors turns an error into a log line and the failure reply.
func (h *Handler) reportErrors(next Next) Next {
	return func(ctx context.Context, in *Input) ([]Reply, error) {
		replies, err := next(ctx, in)
		if err != nil {
			h.log.ErrorContext(ctx, "handle update", "update", in.UpdateID, "kind", in.Kind, "command", in.Command, "err", err)
			h.stats.errors.Add(1)
			return h.failed(in), nil
		}
		return replies, nil
	}
}
