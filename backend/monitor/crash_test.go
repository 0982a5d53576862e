package monitor

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"fineprint/backend/catalog"
	"fineprint/backend/extract"
	"fineprint/backend/fetch"
	"fineprint/backend/store"
)

// TestCrashChild is the process that gets killed: it checks the document
// over and over until it dies.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv("FINEPRINT_CRASH_DIR")
	if dir == "" {
		t.Skip("run by TestKilledMidCheckLosesNothing")
	}
	s, err := store.Open(dir)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(3)
	}
	c := &Checker{Store: s, Fetcher: fetch.New(fetch.Options{NoBrowser: true})}
	for {
		docs, err := s.Documents(ctx)
		if err != nil {
			fmt.Println("documents:", err)
			os.Exit(4)
		}
		c.Check(ctx, docs)
	}
}

// TestKilledMidCheckLosesNothing kills a checking process with SIGKILL at
// random moments, then proves the archive whole: SQLite's integrity check
// passes, every version was recorded with the check that found it (one
// transaction), and the next check completes.
func TestKilledMidCheckLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: skipped with -short")
	}
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Every answer is a new text, so every check writes a version, a
		// change and a check.
		k := n.Add(1)
		fmt.Fprintf(w, "<html><body><main>%s<h2>Clause %d</h2><p>%s</p></main></body></html>", goodTerms, k,
			strings.Repeat(fmt.Sprintf("Provision number %d applies to your data. ", k), 30))
	}))
	defer srv.Close()
	dir := t.TempDir()
	s, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		s.AddPlatform(ctx, catalog.Platform{ID: fmt.Sprint("p", i), Name: fmt.Sprint("P", i), Documents: []catalog.Document{
			{Type: "Terms of Service", Sources: []catalog.Source{{URL: fmt.Sprintf("%s/%d/terms", srv.URL, i), Rules: extract.Rules{Select: extract.CSS("main")}}}},
			{Type: "Privacy Policy", Sources: []catalog.Source{{URL: fmt.Sprintf("%s/%d/privacy", srv.URL, i), Rules: extract.Rules{Select: extract.CSS("main")}}}},
		}}, store.SourceCustom)
	}
	s.Close()

	rng := rand.New(rand.NewPCG(1, 2))
	kills := 0
	// Kills land at a random moment within window after the child's first
	// request. A loaded machine (CI runs packages side by side) can take
	// longer than the window to write anything; then the window widens
	// until writes happen again, so that the kills still fall before,
	// during and after them.
	window, written := 120*time.Millisecond, 0
	for kills < 25 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "FINEPRINT_CRASH_DIR="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Let it get into its checks (it opens the archive first), then kill.
		before := n.Load()
		deadline := time.Now().Add(20 * time.Second)
		for n.Load() == before && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(window))))
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("the child ended on its own: %v", err)
		}
		kills++
		if now := versionCount(t, dir); now > written {
			written = now
			window = max(120*time.Millisecond, window/2)
		} else if window < 4*time.Second {
			window *= 2
		}
	}

	s, err = store.Open(dir)
	if err != nil {
		t.Fatalf("reopen after %d kills: %v", kills, err)
	}
	defer s.Close()
	var integrity string
	s.DB().QueryRow(`PRAGMA integrity_check`).Scan(&integrity)
	if integrity != "ok" {
		t.Fatalf("integrity: %s", integrity)
	}
	var fkProblems int
	rows, _ := s.DB().Query(`PRAGMA foreign_key_check`)
	for rows.Next() {
		fkProblems++
	}
	rows.Close()
	var orphans, versions, changes int
	s.DB().QueryRow(`SELECT COUNT(*) FROM versions`).Scan(&versions)
	s.DB().QueryRow(`SELECT COUNT(*) FROM changes`).Scan(&changes)
	// A version without the check that found it would be half a write.
	s.DB().QueryRow(`SELECT COUNT(*) FROM versions v WHERE NOT EXISTS
		(SELECT 1 FROM checks c WHERE c.version_id = v.id AND c.outcome IN ('new', 'changed'))`).Scan(&orphans)
	var badCurrent int
	s.DB().QueryRow(`SELECT COUNT(*) FROM documents d WHERE d.current_version_id IS NOT NULL AND d.current_version_id NOT IN
		(SELECT id FROM versions WHERE document_id = d.id)`).Scan(&badCurrent)
	var changeless int
	s.DB().QueryRow(`SELECT COUNT(*) FROM versions v WHERE v.id NOT IN (SELECT MIN(id) FROM versions GROUP BY document_id)
		AND NOT EXISTS (SELECT 1 FROM changes c WHERE c.to_version_id = v.id)`).Scan(&changeless)
	if fkProblems+orphans+badCurrent+changeless > 0 {
		t.Fatalf("after %d kills: %d foreign-key problems, %d versions without their check, %d bad current versions, %d versions without their change",
			kills, fkProblems, orphans, badCurrent, changeless)
	}
	if versions < kills/4 {
		t.Fatalf("only %d versions were written in %d runs: the kills came too early to test anything", versions, kills)
	}
	docs, _ := s.Documents(ctx)
	c := &Checker{Store: s, Fetcher: fetch.New(fetch.Options{NoBrowser: true})}
	for i, r := range c.Check(ctx, docs) {
		// Every answer is a new text: "changed", or "new" for a document
		// the kills never let a check finish.
		want := store.OutcomeChanged
		if docs[i].CurrentVersionID == 0 {
			want = store.OutcomeNew
		}
		if r.Outcome != want {
			t.Fatalf("the check after the crashes: %+v %+v", r, r.Error)
		}
	}
	t.Logf("%d kills; %d versions and %d changes written, all whole", kills, versions, changes)
}

// versionCount reads how many versions the archive holds, between kills.
func versionCount(t *testing.T, dir string) int {
	t.Helper()
	s, err := store.Open(dir)
	if err != nil {
		t.Fatalf("open between kills: %v", err)
	}
	defer s.Close()
	var n int
	s.DB().QueryRow(`SELECT COUNT(*) FROM versions`).Scan(&n)
	return n
}
