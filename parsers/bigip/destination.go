package bigip

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// Destination is a BIG-IP address:port as tmsh writes it in a virtual
// server's destination, a pool member's name or a monitor's destination:
//
//	/Common/10.0.0.1%2:443     folder, IPv4, route domain 2, port 443
//	10.0.0.1:https             relative (tmsh list), port by service name
//	/Common/2001:db8::1.443    IPv6: the port follows a '.'
//	/Common/any:0  any6.any    the wildcard addresses and port
//	/Common/node_web1:8443     a node or virtual-address referred to by name
type Destination struct {
	// Folder is the folder prefix as written ("/Common"), or "" when the
	// text had none.
	Folder string
	// Address is the address part without folder and route domain:
	// "10.0.0.1", "2001:db8::1", "any", "any6", or a node/virtual-address
	// name such as "web1.example.com" or "vip_app".
	Address string
	// IP is Address parsed, when it is a literal IP; "any" is 0.0.0.0 and
	// "any6" is ::. It is the zero Addr for names.
	IP netip.Addr
	// RouteDomain is the %N suffix of the address, when HasRouteDomain.
	RouteDomain    int
	HasRouteDomain bool
	// Port is the port number; 0 for "any" and for "*".
	Port int
	// PortText is the port as written ("443", "https", "any").
	PortText string
}

// IsIP reports whether Address is a literal IP (or any/any6).
func (d Destination) IsIP() bool { return d.IP.IsValid() }

// AnyAddress reports whether the address is the wildcard (any, any6,
// 0.0.0.0, ::).
func (d Destination) AnyAddress() bool {
	return d.IP.IsValid() && d.IP.IsUnspecified()
}

// AnyPort reports whether the port is the wildcard (any, *, 0).
func (d Destination) AnyPort() bool { return d.Port == 0 }

// String writes the destination back in tmsh form, with the port as a
// number: "/Common/10.0.0.1%2:443", "2001:db8::1.443".
func (d Destination) String() string {
	var b strings.Builder
	if d.Folder != "" {
		b.WriteString(d.Folder)
		b.WriteByte('/')
	}
	b.WriteString(d.Address)
	if d.HasRouteDomain {
		b.WriteByte('%')
		b.WriteString(strconv.Itoa(d.RouteDomain))
	}
	if strings.Contains(d.Address, ":") || d.Address == "any6" {
		b.WriteByte('.')
	} else {
		b.WriteByte(':')
	}
	b.WriteString(strconv.Itoa(d.Port))
	return b.String()
}

// ParseDestination parses an address:port in tmsh form (see Destination).
// IPv6 addresses are recognised by having two or more ':' and take their
// port after the last '.': an IPv6 address already uses ':', so tmsh writes
// "2001:db8::1.443".
func ParseDestination(s string) (Destination, error) {
	var d Destination
	rest := s
	if strings.HasPrefix(rest, "/") {
		i := strings.LastIndexByte(rest, '/')
		d.Folder, rest = rest[:i], rest[i+1:]
	}
	if rest == "" {
		return d, fmt.Errorf("destination %q: no address", s)
	}
	var addr, port string
	if strings.Count(rest, ":") >= 2 {
		i := strings.LastIndexByte(rest, '.')
		if i < 0 {
			return d, fmt.Errorf("destination %q: IPv6 address without a '.port'", s)
		}
		addr, port = rest[:i], rest[i+1:]
	} else if strings.HasPrefix(rest, "any6.") {
		addr, port = "any6", rest[len("any6."):]
	} else {
		i := strings.LastIndexByte(rest, ':')
		if i < 0 {
			return d, fmt.Errorf("destination %q: no ':port'", s)
		}
		addr, port = rest[:i], rest[i+1:]
	}
	if i := strings.LastIndexByte(addr, '%'); i >= 0 {
		rd, err := strconv.Atoi(addr[i+1:])
		if err != nil || rd < 0 || rd > 65534 {
			return d, fmt.Errorf("destination %q: route domain %q is not a number from 0 to 65534", s, addr[i+1:])
		}
		d.RouteDomain, d.HasRouteDomain = rd, true
		addr = addr[:i]
	}
	if addr == "" {
		return d, fmt.Errorf("destination %q: no address", s)
	}
	d.Address = addr
	switch addr {
	case "any":
		d.IP = netip.IPv4Unspecified()
	case "any6":
		d.IP = netip.IPv6Unspecified()
	default:
		if ip, err := netip.ParseAddr(addr); err == nil {
			d.IP = ip
		} else if strings.Contains(addr, ":") {
			return d, fmt.Errorf("destination %q: %q is not an IPv6 address", s, addr)
		}
	}
	p, ok := ServicePort(port)
	if !ok {
		return d, fmt.Errorf("destination %q: unknown port or service name %q", s, port)
	}
	d.Port, d.PortText = p, port
	return d, nil
}

// ServicePort converts a port as tmsh writes it into a number: digits
// (0–65535), "any" or "*" (0, every port), or a service name from the
// table BIG-IP prints names from (see services).
func ServicePort(s string) (int, bool) {
	switch s {
	case "":
		return 0, false
	case "any", "*":
		return 0, true
	}
	if s[0] >= '0' && s[0] <= '9' {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > 65535 {
			return 0, false
		}
		return n, true
	}
	n, ok := services[s]
	return n, ok
}
