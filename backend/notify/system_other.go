//go:build !darwin && !windows

package notify

func platformNotifier() Notifier { return unsupported{} }
