package clients

import (
	"testing"
)

// BenchmarkSimulateCold is one handshake without the memo: the cost of a
// (policy, client) pair seen for the first time.
func BenchmarkSimulateCold(b *testing.B) {
	s := mozillaOld(b, openSSL30L0)
	c := mustClient(b, "Android 4.4.2")
	b.ReportAllocs()
	for b.Loop() {
		simulate(s, c)
	}
}

// BenchmarkSimulateMemoized is the same pair through Simulate once cached:
// what every later listener with an equal policy pays (Key + map lookup).
func BenchmarkSimulateMemoized(b *testing.B) {
	s := mozillaOld(b, openSSL30L0)
	c := mustClient(b, "Android 4.4.2")
	Simulate(s, c)
	b.ReportAllocs()
	for b.Loop() {
		Simulate(s, c)
	}
}

// BenchmarkPopulationCold simulates the whole intermediate preset against
// one policy without the memo.
func BenchmarkPopulationCold(b *testing.B) {
	s := mozillaIntermediate(b, openSSL30L2)
	cs, _ := Preset("intermediate")
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range cs {
			simulate(s, c)
		}
	}
}

// BenchmarkPopulationMemoized is SimulateAll over the intermediate preset
// for a policy already simulated: one Key, ten lookups.
func BenchmarkPopulationMemoized(b *testing.B) {
	s := mozillaIntermediate(b, openSSL30L2)
	cs, _ := Preset("intermediate")
	SimulateAll(s, cs)
	b.ReportAllocs()
	for b.Loop() {
		SimulateAll(s, cs)
	}
}

// BenchmarkAllClientsCold is the worst case: all 177 profiles, cold.
func BenchmarkAllClientsCold(b *testing.B) {
	s := mozillaOld(b, openSSL30L0)
	cs := All()
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range cs {
			simulate(s, c)
		}
	}
}
