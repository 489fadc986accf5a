// Each module's check passes; the report module's aggregate finds the cycle that spans accounts and audit.
def log = new File(basedir, 'build.log').text
assert log =~ /No findings \(1 class analysed\)/
assert log.contains('gridlock: cross-module lock-order cycle #1: ')
assert log =~ /Accounts\.LEDGER -> Audit\.JOURNAL -> Accounts\.LEDGER|Audit\.JOURNAL -> Accounts\.LEDGER -> Audit\.JOURNAL/
assert log.contains('Accounts.post():18 [accounts] calls Listener.onEvent() which takes it [audit]')
assert log.contains('Audit.flush():25 [audit] calls Accounts.credit() which takes it [accounts]')
assert log.contains('merged the lock order of 2 modules (accounts, audit)')
assert log.contains('1 cross-module lock-order cycles')
assert log =~ /Reactor Summary[\s\S]*api \.+ SUCCESS[\s\S]*accounts \.+ SUCCESS[\s\S]*audit \.+ SUCCESS[\s\S]*report \.+ FAILURE/
assert new File(basedir, 'report/target/gridlock-aggregate.txt').text.contains('cross-module lock-order cycle #1')
return true
