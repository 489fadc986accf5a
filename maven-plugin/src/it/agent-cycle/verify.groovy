// The tests pass, the agent saw the cycle, and check-agent failed the build printing it with its stacks.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0')
assert log.contains('gridlock: argLine set to -javaagent:')
assert log =~ /gridlock: LOCK_ORDER_CYCLE #\d+: Bank\.(checking|savings) -> Bank\.(savings|checking) -> Bank\.\1/
assert log.contains('took Bank.checking while holding Bank.savings')
assert log.contains('took Bank.savings while holding Bank.checking')
assert log.contains('at bank.Bank.savingsToChecking(Bank.java:19)')
assert log.contains('at bank.Bank.checkingToSavings(Bank.java:11)')
assert log.contains('BUILD FAILURE')
assert log =~ /the agent saw 1 lock-order cycles, 0 sequential inversions and 0 deadlocks in 1 test JVMs/
def reports = new File(basedir, 'target/gridlock-agent').listFiles()*.name.sort()
assert reports.size() == 3 : reports
assert reports.every { it ==~ /agent-\d+\.(json|sarif|html)/ } : reports
def html = new File(basedir, 'target/gridlock-agent').listFiles().find { it.name.endsWith('.html') }.text
assert html.contains('class="edge on-cycle"')
return true
