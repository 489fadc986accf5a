// The same test with the locks in one order: the agent ran and saw no cycle, and check-agent passed.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0')
assert log.contains('[gridlock] agent ')
assert log =~ /gridlock: the agent saw 0 lock-order cycles, 0 sequential inversions and 0 deadlocks in 1 test JVMs/
assert !log.contains('LOCK_ORDER_CYCLE #')
assert log.contains('BUILD SUCCESS')
return true
