package pirl

// Decoded copies of a column's values, for comparisons in tests.

func (c *Column) codes() []int8 {
	out := make([]int8, c.Len())
	for i := range out {
		out[i] = c.Code(i)
	}
	return out
}

func (c *Column) dates() []int32 {
	out := make([]int32, c.Len())
	for i := range out {
		out[i] = c.Date(i)
	}
	return out
}

func (c *Column) nums() []float64 {
	out := make([]float64, c.Len())
	for i := range out {
		out[i] = c.Num(i)
	}
	return out
}
