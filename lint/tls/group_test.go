package tls

import (
	"bytes"
	"errors"
	"os/exec"
	"reflect"
	"strings"
	"testing"
)

func groupNamesOf(gs []*Group) []string {
	out := []string{}
	for _, g := range gs {
		out = append(out, g.Name)
	}
	return out
}

func TestParseGroups(t *testing.T) {
	tests := []struct {
		target, in string
		want       []string
		unknown    []string
		wantErr    bool
	}{
		{"3.0", "auto", []string{"x25519", "secp256r1", "x448", "secp521r1", "secp384r1", "ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192"}, nil, false},
		{"3.0", "X25519:prime256v1:P-384:secp521r1", []string{"x25519", "secp256r1", "secp384r1", "secp521r1"}, nil, false},
		{"3.0", " x25519 : secp256r1 ", []string{"x25519", "secp256r1"}, nil, false},
		{"3.0", "p-256", nil, []string{"p-256"}, true}, // case-sensitive before 3.5
		{"3.0", "x25519:x25519", nil, nil, true},       // duplicates rejected before 3.3
		{"3.0", "x25519::secp256r1", nil, nil, true},
		{"3.0", "", nil, nil, true},
		{"3.0", "?foo:x25519", nil, []string{"?foo"}, true},
		{"3.0", "brainpoolP256r1tls13", nil, []string{"brainpoolP256r1tls13"}, true},
		{"3.2", "brainpoolP256r1tls13", []string{"brainpoolP256r1tls13"}, nil, false},
		{"3.3", "?foo:x25519:X25519", []string{"x25519"}, []string{"foo"}, false},
		{"3.4", "X25519MLKEM768", nil, []string{"X25519MLKEM768"}, true},
		// 1.x takes object names: "secp256r1" is not one, "x25519" neither.
		{"1.1.1", "prime256v1:secp384r1:X25519", []string{"secp256r1", "secp384r1", "x25519"}, nil, false},
		{"1.1.1", "secp256r1", nil, []string{"secp256r1"}, true},
		{"1.1.1", "x25519", nil, []string{"x25519"}, true},
		{"1.1.1", "ffdhe2048", nil, []string{"ffdhe2048"}, true},
		{"1.1.1", "auto", []string{"x25519", "secp256r1", "x448", "secp521r1", "secp384r1"}, nil, false},
		{"1.0.2", "X25519", nil, []string{"X25519"}, true},
		{"1.0.2", "P-256:brainpoolP512r1", []string{"secp256r1", "brainpoolP512r1"}, nil, false},
		{"1.0.2", "auto", []string{"secp256r1", "secp521r1", "brainpoolP512r1", "brainpoolP384r1", "secp384r1", "brainpoolP256r1", "secp256k1", "sect571r1", "sect571k1", "sect409k1", "sect409r1", "sect283k1", "sect283r1"}, nil, false},
		// 3.5: case-insensitive, tuples, key shares, optional and removed groups.
		{"3.5", "auto", []string{"X25519MLKEM768", "x25519", "secp256r1", "x448", "secp384r1", "secp521r1", "ffdhe2048", "ffdhe3072"}, nil, false},
		{"3.5", "x25519mlkem768:P-256", []string{"X25519MLKEM768", "secp256r1"}, nil, false},
		{"3.5", "?foo:x25519:x25519", []string{"x25519"}, []string{"foo"}, false},
		{"3.5", "DEFAULT:-ffdhe2048:-ffdhe3072", []string{"X25519MLKEM768", "x25519", "secp256r1", "x448", "secp384r1", "secp521r1"}, nil, false},
		{"3.5", "", []string{}, nil, false},
		{"3.5", "foo", nil, []string{"foo"}, true},
		{"3.5", "??x25519", nil, nil, true},
		{"3.5", "*", nil, nil, true},
		{"3.5", "?DEFAULT", nil, nil, true},
		{"3.5", "x25519//secp256r1", nil, nil, true},
		{"3.5", "GC256A", nil, []string{"GC256A"}, true},
	}
	for _, tt := range tests {
		gs, unknown, err := ParseGroups(tt.in, mustTarget(t, tt.target))
		if tt.wantErr {
			if err == nil || !errors.Is(err, ErrGroupList) {
				t.Errorf("ParseGroups(%q, %s) = %v, %v; want an error", tt.in, tt.target, groupNamesOf(gs), err)
			}
		} else if err != nil || !reflect.DeepEqual(groupNamesOf(gs), tt.want) {
			t.Errorf("ParseGroups(%q, %s) = %v, %v; want %v", tt.in, tt.target, groupNamesOf(gs), err, tt.want)
		}
		if tt.unknown != nil && !reflect.DeepEqual(unknown, tt.unknown) {
			t.Errorf("ParseGroups(%q, %s) unknown = %q, want %q", tt.in, tt.target, unknown, tt.unknown)
		}
	}
}

func TestParseGroupList35(t *testing.T) {
	target := mustTarget(t, "3.5")
	tests := []struct {
		in        string
		tuples    [][]string
		keyShares []string
		wantErr   bool
	}{
		{"auto", [][]string{{"X25519MLKEM768"}, {"x25519", "secp256r1"}, {"x448", "secp384r1", "secp521r1"}, {"ffdhe2048", "ffdhe3072"}}, []string{"X25519MLKEM768", "x25519"}, false},
		{"*x25519:secp256r1 / *P-384", [][]string{{"x25519", "secp256r1"}, {"secp384r1"}}, []string{"x25519", "secp384r1"}, false},
		{"x25519:secp256r1", [][]string{{"x25519", "secp256r1"}}, []string{"x25519"}, false},
		// DEFAULT is appended to the current tuple, not split into its own.
		{"secp521r1:DEFAULT", [][]string{{"secp521r1", "X25519MLKEM768", "x25519", "secp256r1", "x448", "secp384r1", "ffdhe2048", "ffdhe3072"}}, []string{"X25519MLKEM768", "x25519"}, false},
		// Removing the only member of a tuple drops the tuple.
		{"x448 / secp256r1 / -x448", [][]string{{"secp256r1"}}, []string{"secp256r1"}, false},
		{"*x25519:*secp256r1:*x448:*secp384r1:*secp521r1", nil, nil, true},
	}
	for _, tt := range tests {
		gl, err := ParseGroupList(tt.in, target)
		if tt.wantErr {
			if err == nil {
				t.Errorf("ParseGroupList(%q) succeeded", tt.in)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseGroupList(%q): %v", tt.in, err)
			continue
		}
		var tuples [][]string
		for _, tp := range gl.Tuples {
			tuples = append(tuples, groupNamesOf(tp))
		}
		if !reflect.DeepEqual(tuples, tt.tuples) || !reflect.DeepEqual(groupNamesOf(gl.KeyShares), tt.keyShares) {
			t.Errorf("ParseGroupList(%q) = tuples %v key shares %v; want %v %v", tt.in, tuples, groupNamesOf(gl.KeyShares), tt.tuples, tt.keyShares)
		}
	}
}

func TestDefaultGroups(t *testing.T) {
	for _, v := range []string{"1.0.2", "1.1.1", "3.0", "3.2", "3.4", "3.5", "3.6"} {
		gs := DefaultGroups(mustTarget(t, v))
		if len(gs) == 0 {
			t.Errorf("DefaultGroups(%s) is empty", v)
		}
		for _, g := range gs {
			if g == nil {
				t.Errorf("DefaultGroups(%s) has a nil group", v)
			}
		}
	}
}

// TestGroupsMatchOpenSSL checks that the machine's openssl accepts exactly
// the group lists we accept. `openssl s_client -groups L -unix PATH` applies
// the list (SSL_CONF_cmd) before it connects, so a socket path that does not
// exist tells both cases apart without any network.
func TestGroupsMatchOpenSSL(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs openssl s_client 160 times")
	}
	m := requireOpenSSL(t)
	var lists []string
	for _, n := range []string{"x25519", "X25519", "x448", "X448", "secp256r1", "prime256v1", "P-256", "p-256", "SECP256R1",
		"secp384r1", "P-384", "secp521r1", "P-521", "prime192v1", "secp192r1", "P-192", "secp224r1", "P-224", "secp256k1",
		"brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1", "brainpoolP256r1tls13", "sect571r1", "B-571", "K-571",
		"sect163k1", "K-163", "ffdhe2048", "ffdhe8192", "FFDHE2048", "X25519MLKEM768", "MLKEM768", "GC256A", "curveSM2", "auto", "DEFAULT"} {
		lists = append(lists, n, n+":x25519", "x25519:"+n, "?"+n)
	}
	lists = append(lists, "", " ", ":", "x25519::P-256", "x25519:x25519", "x25519:X25519", "P-256:prime256v1",
		" x25519 : P-256 ", "x25519,P-256", "x25519 P-256", "x25519/P-256", "*x25519", "-x25519")
	sock := t.TempDir() + "/absent.sock"
	for _, l := range lists {
		if l == "auto" {
			continue // nginx's word, not OpenSSL's
		}
		cmd := exec.Command(m.path, "s_client", "-unix", sock, "-groups", l)
		var stderr bytes.Buffer
		cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(""), &bytes.Buffer{}, &stderr
		_ = cmd.Run() // it always fails: either the groups or the connect
		rejected := strings.Contains(stderr.String(), "SSL_CONF_cmd(-groups")
		if !rejected && !strings.Contains(stderr.String(), "connect") {
			t.Fatalf("openssl s_client -groups %q: cannot tell the outcome from %q", l, stderr.String())
		}
		_, _, err := ParseGroups(l, m.target)
		if (err != nil) != rejected {
			t.Errorf("group list %q: openssl rejects=%v, ours err=%v", l, rejected, err)
		}
	}
	t.Logf("compared %d group lists with %s", len(lists)-1, m.path)
}
