package bigip

import "testing"

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want bool
	}{
		{"bigip.conf", "#TMSH-VERSION: 17.1.1\n\nltm virtual /Common/vs {\n}\n", true},
		{"version line only", "#TMSH-VERSION: 15.1.0\n", true},
		{"tmsh list", "ltm profile client-ssl clientssl-secure {\n    ciphers ecdhe:rsa\n}\n", true},
		{"comments first", "#\n# PRE-CONFIGURED PROFILES\n#\n\nnet tunnels gre /Common/gre {\n}\n", true},
		{"one-line object", "ltm node /Common/n { address 10.0.0.1 }", true},
		{"singleton", "sys global-settings {\n    hostname a\n}\n", true},
		{"CRLF and BOM", "\xef\xbb\xbf\r\n\r\nltm pool p {\r\n}\r\n", true},
		{"nginx", "user nginx;\nworker_processes auto;\nhttp {\n    server { listen 443 ssl; }\n}\n", false},
		{"nginx server snippet", "# app\nserver {\n    listen 443 ssl;\n}\n", false},
		{"nginx with an ltm-like comment", "# ltm virtual vs {\nevents {}\n", false},
		{"AS3 JSON", "{\n  \"class\": \"AS3\",\n  \"declaration\": {}\n}\n", false},
		{"prose", "This represents a .conf file that does not have the right content", false},
		{"unknown module", "frobnicate widget /Common/x {\n}\n", false},
		{"module without a block", "ltm virtual /Common/vs\n", false},
		{"empty", "", false},
		{"gzip", "\x1f\x8b\x08\x00", false},
	}
	for _, tt := range tests {
		if got := Detect([]byte(tt.src)); got != tt.want {
			t.Errorf("%s: Detect = %v, want %v", tt.name, got, tt.want)
		}
	}
}
