// Command bridge serves the built frontend to an ordinary browser with the
// real Go facade behind it, so that browser tests drive the real UI against
// the real backend. The webview's bindings (window.go.app.App.*) and events
// (window.runtime.EventsOn) are provided by a small script that calls back
// over HTTP and server-sent events. It is a test tool: it listens on
// loopback only and is never part of the app.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"fineprint/app"
	"fineprint/backend/store"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on")
	dataDir := flag.String("data-dir", "", "archive directory")
	dist := flag.String("dist", "frontend/dist", "built frontend")
	flag.Parse()

	host, _, err := net.SplitHostPort(*addr)
	if err != nil || !net.ParseIP(host).IsLoopback() {
		log.Fatalf("bridge: %s is not a loopback address", *addr)
	}
	if _, err := os.Stat(filepath.Join(*dist, "index.html")); err != nil {
		log.Fatalf("bridge: no built frontend in %s (run npm run build in frontend/)", *dist)
	}
	dir, err := store.DataDir(*dataDir)
	if err != nil {
		log.Fatal(err)
	}
	s, err := store.Open(dir)
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	events := &broadcaster{clients: map[chan []byte]bool{}}
	h := newHandler(app.New(s, events, "test"), events, *dist)

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on http://%s\n", ln.Addr())
	log.Fatal(http.Serve(ln, h))
}

func newHandler(a *app.App, events *broadcaster, dist string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /call/{method}", func(w http.ResponseWriter, r *http.Request) {
		result, err := call(a, r.PathValue("method"), r)
		w.Header().Set("Content-Type", "application/json")
		if err != nil {
			w.WriteHeader(http.StatusInternalServerError)
			json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"result": result})
	})
	mux.HandleFunc("GET /events", events.serve)
	mux.HandleFunc("GET /bridge.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write([]byte(bridgeJS(a)))
	})
	files := http.FileServer(http.Dir(dist))
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" && r.URL.Path != "/index.html" {
			files.ServeHTTP(w, r)
			return
		}
		// The bindings must exist before the app's own scripts run, as in
		// the webview.
		page, err := os.ReadFile(filepath.Join(dist, "index.html"))
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		page = bytes.Replace(page, []byte("<head>"), []byte(`<head><script src="/bridge.js"></script>`), 1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	return mux
}

// call decodes the JSON argument list into the method's parameter types.
func call(a *app.App, name string, r *http.Request) (any, error) {
	m := reflect.ValueOf(a).MethodByName(name)
	if !m.IsValid() || !token(name) {
		return nil, fmt.Errorf("no method %q", name)
	}
	var raw []json.RawMessage
	if err := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 10<<20)).Decode(&raw); err != nil {
		return nil, fmt.Errorf("arguments of %s: %v", name, err)
	}
	t := m.Type()
	if len(raw) != t.NumIn() {
		return nil, fmt.Errorf("%s takes %d arguments, got %d", name, t.NumIn(), len(raw))
	}
	args := make([]reflect.Value, len(raw))
	for i := range raw {
		v := reflect.New(t.In(i))
		if err := json.Unmarshal(raw[i], v.Interface()); err != nil {
			return nil, fmt.Errorf("argument %d of %s: %v", i+1, name, err)
		}
		args[i] = v.Elem()
	}
	out := m.Call(args)
	var result any
	for _, o := range out {
		if o.Type() == reflect.TypeFor[error]() {
			if !o.IsNil() {
				return nil, o.Interface().(error)
			}
			continue
		}
		result = o.Interface()
	}
	return result, nil
}

func token(s string) bool {
	return s != "" && strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") == ""
}

func bridgeJS(a *app.App) string {
	t := reflect.TypeOf(a)
	var names []string
	for i := range t.NumMethod() {
		names = append(names, fmt.Sprintf("%q", t.Method(i).Name))
	}
	return `(() => {
  const call = (name) => async (...args) => {
    const r = await fetch('/call/' + name, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
    const body = await r.json();
    if (!r.ok) throw body.error;
    return body.result;
  };
  const App = {};
  for (const n of [` + strings.Join(names, ",") + `]) App[n] = call(n);
  window.go = { app: { App } };
  const handlers = {};
  const source = new EventSource('/events');
  source.onmessage = (e) => {
    const { name, data } = JSON.parse(e.data);
    for (const h of handlers[name] || []) h(...(data || []));
  };
  window.runtime = {
    EventsOn(name, cb) { (handlers[name] ||= []).push(cb); return () => { handlers[name] = (handlers[name] || []).filter((h) => h !== cb); }; },
    EventsOff(name) { delete handlers[name]; },
    EventsEmit() {},
    BrowserOpenURL(url) { window.open(url, '_blank'); },
    WindowSetTitle(t) { document.title = t; },
  };
})();
`
}

// broadcaster is the Emitter: it forwards app events to every open page.
type broadcaster struct {
	mu      sync.Mutex
	clients map[chan []byte]bool
}

func (b *broadcaster) Emit(event string, data ...any) {
	msg, err := json.Marshal(map[string]any{"name": event, "data": data})
	if err != nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.clients {
		select {
		case c <- msg:
		default: // a slow page misses an event rather than stalling the app
		}
	}
}

func (b *broadcaster) serve(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", 500)
		return
	}
	c := make(chan []byte, 64)
	b.mu.Lock()
	b.clients[c] = true
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		delete(b.clients, c)
		b.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	fmt.Fprint(w, ": ok\n\n")
	fl.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case m := <-c:
			fmt.Fprintf(w, "data: %s\n\n", m)
			fl.Flush()
		}
	}
}
