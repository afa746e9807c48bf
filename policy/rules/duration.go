package rules

import (
	"strconv"
	"strings"
)

// isoDays converts an ISO-8601 duration such as P90D, P1Y, P2M, P1W or PT12H into days, using
// 365-day years and 30-day months as Key Vault rotation policies do. ok is false for anything
// that is not a positive duration of that form.
func isoDays(s string) (days float64, ok bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) < 3 || s[0] != 'P' {
		return 0, false
	}
	s = s[1:]
	inTime := false
	seen := false
	for len(s) > 0 {
		if s[0] == 'T' {
			if inTime {
				return 0, false
			}
			inTime = true
			s = s[1:]
			continue
		}
		i := 0
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
			i++
		}
		if i == 0 || i == len(s) {
			return 0, false
		}
		n, err := strconv.ParseFloat(s[:i], 64)
		if err != nil {
			return 0, false
		}
		unit := s[i]
		s = s[i+1:]
		seen = true
		switch {
		case !inTime && unit == 'Y':
			days += n * 365
		case !inTime && unit == 'M':
			days += n * 30
		case !inTime && unit == 'W':
			days += n * 7
		case !inTime && unit == 'D':
			days += n
		case inTime && unit == 'H':
			days += n / 24
		case inTime && unit == 'M':
			days += n / (24 * 60)
		case inTime && unit == 'S':
			days += n / (24 * 60 * 60)
		default:
			return 0, false
		}
	}
	return days, seen && days > 0
}
