package bigip

import (
	"net/netip"
	"strings"
	"testing"
)

func TestParseDestination(t *testing.T) {
	tests := []struct {
		in       string
		folder   string
		addr     string
		ip       string // "" for names
		rd       int    // -1: none
		port     int
		portText string
		str      string // String(), when it differs from in
	}{
		{"/Common/10.0.0.1%2:443", "/Common", "10.0.0.1", "10.0.0.1", 2, 443, "443", ""},
		{"10.0.0.1:https", "", "10.0.0.1", "10.0.0.1", -1, 443, "https", "10.0.0.1:443"},
		{"10.0.3.201:webcache", "", "10.0.3.201", "10.0.3.201", -1, 8080, "webcache", "10.0.3.201:8080"},
		{"/Common/2001:db8::1.443", "/Common", "2001:db8::1", "2001:db8::1", -1, 443, "443", ""},
		{"/Common/fe80::1%10.8443", "/Common", "fe80::1", "fe80::1", 10, 8443, "8443", ""},
		{"::ffff:10.0.0.1.80", "", "::ffff:10.0.0.1", "::ffff:10.0.0.1", -1, 80, "80", ""},
		{"/Common/any:0", "/Common", "any", "0.0.0.0", -1, 0, "0", ""},
		{"0.0.0.0%3:any", "", "0.0.0.0", "0.0.0.0", 3, 0, "any", "0.0.0.0%3:0"},
		{"any6.any", "", "any6", "::", -1, 0, "any", "any6.0"},
		{"*:*", "", "*", "", -1, 0, "*", "*:0"},
		{"/Common/app1_Node1:80", "/Common", "app1_Node1", "", -1, 80, "80", ""},
		{"/Common/dw1.lab.io:8443", "/Common", "dw1.lab.io", "", -1, 8443, "8443", ""},
		{"/Tenant/app/10.1.1.1:ldaps", "/Tenant/app", "10.1.1.1", "10.1.1.1", -1, 636, "ldaps", "/Tenant/app/10.1.1.1:636"},
		{"10.1.1.1:ms-sql-s", "", "10.1.1.1", "10.1.1.1", -1, 1433, "ms-sql-s", "10.1.1.1:1433"},
		{"10.1.1.1:pcsync-https", "", "10.1.1.1", "10.1.1.1", -1, 8443, "pcsync-https", "10.1.1.1:8443"},
	}
	for _, tt := range tests {
		d, err := ParseDestination(tt.in)
		if err != nil {
			t.Errorf("ParseDestination(%q): %v", tt.in, err)
			continue
		}
		var wantIP netip.Addr
		if tt.ip != "" {
			wantIP = netip.MustParseAddr(tt.ip)
		}
		rd := -1
		if d.HasRouteDomain {
			rd = d.RouteDomain
		}
		if d.Folder != tt.folder || d.Address != tt.addr || d.IP != wantIP || rd != tt.rd || d.Port != tt.port || d.PortText != tt.portText {
			t.Errorf("ParseDestination(%q) = %+v", tt.in, d)
		}
		want := tt.str
		if want == "" {
			want = tt.in
		}
		if got := d.String(); got != want {
			t.Errorf("ParseDestination(%q).String() = %q, want %q", tt.in, got, want)
		}
		if d.IsIP() != (tt.ip != "") {
			t.Errorf("%q: IsIP = %v", tt.in, d.IsIP())
		}
	}

	any, _ := ParseDestination("/Common/any:0")
	if !any.AnyAddress() || !any.AnyPort() {
		t.Errorf("any:0 is not the wildcard: %+v", any)
	}

	bad := []struct{ in, msg string }{
		{"10.0.0.1", "no ':port'"},
		{"10.0.0.1:gopher2", `unknown port or service name "gopher2"`},
		{"10.0.0.1:70000", `unknown port or service name "70000"`},
		{"10.0.0.1%x:80", `route domain "x"`},
		{"2001:db8::1", "IPv6 address without a '.port'"},
		{"2001:db8::zz.80", `"2001:db8::zz" is not an IPv6 address`},
		{"/Common/", "no address"},
		{":80", "no address"},
	}
	for _, b := range bad {
		_, err := ParseDestination(b.in)
		if err == nil || !strings.Contains(err.Error(), b.msg) {
			t.Errorf("ParseDestination(%q) error = %v, want %q", b.in, err, b.msg)
		}
	}
}

func TestServicePort(t *testing.T) {
	for name, want := range map[string]int{
		"http": 80, "https": 443, "webcache": 8080, "ftp": 21, "ssh": 22, "smtp": 25, "domain": 53,
		"pop3": 110, "imap": 143, "snmp": 161, "ldap": 389, "ldaps": 636, "imaps": 993, "pop3s": 995,
		"mysql": 3306, "ms-sql-s": 1433, "rdp": 3389, "ms-wbt-server": 3389, "any": 0, "*": 0, "0": 0,
		"65535": 65535, "8443": 8443,
	} {
		if got, ok := ServicePort(name); !ok || got != want {
			t.Errorf("ServicePort(%q) = %d, %v; want %d", name, got, ok, want)
		}
	}
	for _, bad := range []string{"", "65536", "-1", "HTTPS", "htp"} {
		if _, ok := ServicePort(bad); ok {
			t.Errorf("ServicePort(%q) accepted", bad)
		}
	}
}
