package lint

// Knob is a TLS setting whatever the product calls it: messages and fixes
// name it as the product spells it (Spell), so rules never switch on the
// product to find a directive's name.
type Knob string

// Knobs.
const (
	KnobProtocols Knob = "protocols"
	KnobCiphers   Knob = "ciphers"
	KnobGroups    Knob = "groups"
	KnobSNI       Knob = "sni"
	KnobVerify    Knob = "verify"
	KnobTrust     Knob = "trust"
)

// vocabulary spells each knob per product. nginx's upstream forms take the
// module's prefix (proxy_, grpc_, uwsgi_): see Spell.
var vocabulary = map[Product]map[Knob]string{
	Nginx: {KnobProtocols: "ssl_protocols", KnobCiphers: "ssl_ciphers", KnobGroups: "ssl_ecdh_curve",
		KnobSNI: "ssl_server_name", KnobVerify: "ssl_verify", KnobTrust: "ssl_trusted_certificate"},
	BigIP: {KnobProtocols: "options (no-tlsv1…)", KnobCiphers: "ciphers", KnobGroups: "dh-groups",
		KnobSNI: "server-name", KnobVerify: "peer-cert-mode", KnobTrust: "ca-file"},
	AS3: {KnobProtocols: "tls1_*Enabled", KnobCiphers: "ciphers", KnobGroups: "dhGroups",
		KnobSNI: "sendSNI", KnobVerify: "validateCertificate", KnobTrust: "trustCA"},
}

// Spell names a knob as the product writes it. prefix is nginx's upstream
// module prefix ("proxy", "grpc", "uwsgi"; "" on the listener side): the
// upstream side of ssl_protocols is proxy_ssl_protocols. ssl_ecdh_curve has
// no upstream form.
func (p Product) Spell(prefix string, k Knob) string {
	name := vocabulary[p][k]
	if p != Nginx || prefix == "" || k == KnobGroups {
		return name
	}
	return prefix + "_" + name
}

// Spell names a knob as this listener's product writes it.
func (l *Listener) Spell(k Knob) string { return l.Product.Spell("", k) }

// Spell names a knob as this upstream's product writes it (proxy_ssl_verify).
func (u *Upstream) Spell(k Knob) string { return u.Product.Spell(u.Prefix, k) }
