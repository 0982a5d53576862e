package app

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// The window reading while a check writes never sees "database is locked"
// or a half-written state.
func TestReadsDuringChecks(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k := n.Add(1)
		fmt.Fprintf(w, "<html><body><main><h1>Terms</h1>%s<h2>Clause %d</h2><p>Provision %d applies.</p></main></body></html>",
			strings.Repeat("<p>We collect your name and e-mail address to run the service, and keep them while your account is open.</p>", 10), k, k)
	}))
	defer srv.Close()
	a, rec := newApp(t)
	for i := range 6 {
		if _, err := a.WatchURL(AddURLRequest{Name: fmt.Sprint("Site ", i), Type: "Terms of Service", URL: fmt.Sprintf("%s/%d", srv.URL, i)}); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan bool, 1)
	rec.onEvent = func(event string, _ []any) {
		if event == EventCheckDone {
			done <- true
		}
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				list, err := a.Watchlist()
				if err == nil {
					for _, p := range list {
						if _, err = a.History(p.ID); err != nil {
							break
						}
					}
				}
				if err == nil {
					_, err = a.Search("provision")
				}
				if err == nil {
					_, err = a.Changes("", true)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for round := 0; round < 3; round++ {
		if err := a.CheckNow(nil); err != nil {
			t.Fatal(err)
		}
		<-done
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("a read failed during checks: %v", err)
	}
	hist, _ := a.History("site-0")
	if len(hist[0].Versions) != 3 || len(hist[0].Changes) != 2 {
		t.Fatalf("after three checks: %d versions, %d changes", len(hist[0].Versions), len(hist[0].Changes))
	}
}
