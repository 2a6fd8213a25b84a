package lint

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// randomModel builds a model whose sockets collide on every axis the index
// keys on: the same port under several addresses and networks, wildcard and
// loopback addresses in their spellings, names in mixed case, names that are
// also addresses, and non-ASCII names where EqualFold and lower-casing part.
func randomModel(r *rand.Rand) *Model {
	addrs := []string{"*", "::", "[::]", "127.0.0.1", "[::1]", "::1", "10.0.0.1", "10.0.0.2", "[2001:DB8::1]",
		"2001:db8::1", "app.example.com", "unix:/run/app.sock", "localhost", "LocalHost"}
	names := []string{"app.example.com", "App.Example.COM", "api.example.com", "_", "", "~^www\\.", "10.0.0.1",
		"localhost", "*.example.com", "stra\u00dfe.example", "\u017fite.example", "site.example", "\u212aey.example",
		"key.example", "127.0.0.1"}
	ports := []int{0, 80, 443, 8443}
	m := NewModel()
	for i, nl := 0, r.Intn(40); i < nl; i++ {
		l := &Listener{Product: Nginx, Kind: ListenerKind("http"), Subject: fmt.Sprintf("server %d", i)}
		if r.Intn(5) == 0 {
			l.Product = BigIP
		}
		for j, nn := 0, r.Intn(4); j < nn; j++ {
			l.Names = append(l.Names, Name{Value: names[r.Intn(len(names))]})
		}
		for j, nb := 0, 1+r.Intn(3); j < nb; j++ {
			b := &Bind{Listener: l, Addr: addrs[r.Intn(len(addrs))], Port: ports[r.Intn(len(ports))],
				SSL: r.Intn(2) == 0, Default: r.Intn(4) == 0}
			switch r.Intn(8) {
			case 0:
				b.QUIC = true
			case 1:
				b.Network = "udp"
			}
			l.Binds = append(l.Binds, b)
		}
		m.Listeners = append(m.Listeners, l)
	}
	m.BuildSockets()
	return m
}

// TestSocketIndex holds the indexed SocketsAt and Serving to the scans they
// replace, on randomized models and every host spelling the models use.
func TestSocketIndex(t *testing.T) {
	hosts := []string{"*", "::", "[::]", "127.0.0.1", "127.9.9.9", "[::1]", "::1", "10.0.0.1", "10.0.0.3",
		"[2001:db8::1]", "2001:DB8::1", "app.example.com", "APP.example.com", "api.example.com", "localhost",
		"LOCALHOST", "_", "", "stra\u00dfe.example", "STRASSE.example", "site.example", "SITE.example",
		"\u017fite.example", "key.example", "\u212aey.example", "nowhere.example", "unix:/run/app.sock"}
	r := rand.New(rand.NewSource(1))
	matched, served := 0, 0
	for round := 0; round < 500; round++ {
		m := randomModel(r)
		for _, h := range hosts {
			for _, port := range []int{0, 80, 443, 8443, 9999} {
				got, want := m.SocketsAt(h, port), m.scanSocketsAt(h, port)
				if !slices.Equal(got, want) {
					t.Fatalf("round %d: SocketsAt(%q, %d) = %s, the scan says %s", round, h, port, keys(got), keys(want))
				}
				matched += len(got)
			}
		}
		for _, s := range m.Sockets {
			for _, h := range hosts {
				if got, want := s.Serving(h), s.scanServing(h); got != want {
					t.Fatalf("round %d: %s Serving(%q) = %v, the scan says %v", round, s.Key(), h, got, want)
				}
				if s.Serving(h) != nil {
					served++
				}
			}
		}
	}
	// The models must exercise the matches, not only agree on "none".
	if matched < 10000 || served < 1000 {
		t.Fatalf("too few matches to compare: %d sockets found, %d names served", matched, served)
	}
}

// TestSocketsAtSpellings pins the matches themselves on a small model.
func TestSocketsAtSpellings(t *testing.T) {
	m := NewModel()
	wild := &Listener{Subject: "wild", Names: []Name{{Value: "App.Example.com"}}}
	wild.Binds = []*Bind{{Listener: wild, Addr: "[::]", Port: 443, SSL: true}}
	lit := &Listener{Subject: "literal"}
	lit.Binds = []*Bind{{Listener: lit, Addr: "10.0.0.1", Port: 443}}
	udp := &Listener{Subject: "quic", Names: []Name{{Value: "app.example.com"}}}
	udp.Binds = []*Bind{{Listener: udp, Addr: "10.0.0.1", Port: 443, QUIC: true}}
	m.Listeners = []*Listener{wild, lit, udp}
	m.BuildSockets()
	for _, c := range []struct {
		host string
		want string
	}{
		{"127.0.0.2", "tcp [::]:443"},
		{"[::1]", "tcp [::]:443"},
		{"LOCALHOST", "tcp [::]:443"}, // lower-cased first: "localhost" is loopback
		{"app.EXAMPLE.com", "tcp [::]:443"},
		{"10.0.0.1", "tcp 10.0.0.1:443"},
		{"10.0.0.2", ""},
	} {
		if got := keys(m.SocketsAt(c.host, 443)); got != c.want {
			t.Errorf("SocketsAt(%q, 443) = %q, want %q", c.host, got, c.want)
		}
	}
	if got := m.SocketsAt("10.0.0.1", 80); got != nil {
		t.Errorf("another port: %s", keys(got))
	}
	if l := wild.Binds[0].Socket.Serving("APP.example.COM"); l != wild {
		t.Errorf("Serving: %v", l)
	}
}

func keys(ss []*Socket) string {
	var k []string
	for _, s := range ss {
		k = append(k, s.Key())
	}
	return strings.Join(k, ", ")
}
