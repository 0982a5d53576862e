//go:build darwin || windows

package notify

import (
	"context"
	"sync"

	"github.com/gen2brain/beeep"
)

func platformNotifier() Notifier { return &beeepNotifier{} }

// beeepNotifier shows notifications through macOS's notification centre or
// Windows toasts (gen2brain/beeep). Neither reports clicks back, so actions
// are not offered.
type beeepNotifier struct {
	mu     sync.Mutex
	next   uint32
	closed bool
}

func (b *beeepNotifier) Notify(ctx context.Context, n Notification) (uint32, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return 0, ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	beeep.AppName = "Fineprint"
	if err := beeep.Notify(n.Summary, n.Body, ""); err != nil {
		return 0, err
	}
	b.next++
	return b.next, nil
}

func (b *beeepNotifier) OnAction(func(uint32, string)) {}

func (b *beeepNotifier) Close() error {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	return nil
}
