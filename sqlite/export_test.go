package sqlite

// SetBulkMin lowers the bulk-load threshold for a test and returns a
// function that restores it.
func SetBulkMin(n int) (restore func()) {
	old := bulkMin
	bulkMin = n
	return func() { bulkMin = old }
}

// BulkLoads is how many Writes took the bulk-load path.
func BulkLoads() int64 { return bulkLoads.Load() }
