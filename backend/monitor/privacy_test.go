package monitor

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"sync"
	"testing"

	"fineprint/backend/catalog"
	"fineprint/backend/fetch"
	"fineprint/backend/store"
)

// TestOnlyWatchedHostsAreContacted sends every request of a full check
// cycle through a recording proxy on loopback: the only hosts asked for are
// the watched documents' hosts. No telemetry, no update check, nothing else.
func TestOnlyWatchedHostsAreContacted(t *testing.T) {
	var mu sync.Mutex
	asked := map[string]int{}
	// The proxy answers for the watched hosts itself, as their origin.
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked[r.URL.Hostname()]++
		mu.Unlock()
		if !r.URL.IsAbs() {
			http.Error(w, "not a proxy request", http.StatusBadRequest)
			return
		}
		io.WriteString(w, "<html><body><main>"+goodTerms+"<p>Host "+r.URL.Host+"</p></main></body></html>")
	}))
	defer proxy.Close()
	proxyURL, _ := url.Parse(proxy.URL)

	s, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	watched := []string{"terms.acme.example", "legal.other.example", "privacy.third.example"}
	for i, h := range watched {
		s.AddPlatform(ctx, catalog.Platform{ID: string(rune('a' + i)), Name: h, Documents: []catalog.Document{
			{Type: "Terms of Service", Sources: []catalog.Source{{URL: "http://" + h + "/terms"}}},
			{Type: "Privacy Policy", Sources: []catalog.Source{{URL: "http://" + h + "/privacy"}}},
		}}, store.SourceCustom)
	}
	c := &Checker{Store: s, Fetcher: fetch.New(fetch.Options{NoBrowser: true, Proxy: http.ProxyURL(proxyURL)})}
	docs, _ := s.Documents(ctx)
	for round := 0; round < 2; round++ {
		for _, r := range c.Check(ctx, docs) {
			if r.Outcome == store.OutcomeFailed {
				t.Fatalf("%+v %+v", r, r.Error)
			}
		}
	}
	var hosts []string
	for h := range asked {
		hosts = append(hosts, h)
	}
	sort.Strings(hosts)
	sort.Strings(watched)
	if len(hosts) != len(watched) {
		t.Fatalf("hosts contacted: %v, watched: %v", hosts, watched)
	}
	for i := range hosts {
		if hosts[i] != watched[i] {
			t.Fatalf("hosts contacted: %v, watched: %v", hosts, watched)
		}
		if asked[hosts[i]] != 4 {
			t.Errorf("%s asked %d times, want 4 (2 documents, 2 rounds)", hosts[i], asked[hosts[i]])
		}
	}
}
