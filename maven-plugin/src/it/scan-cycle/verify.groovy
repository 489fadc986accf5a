// check found the inversion, printed it, failed the build and wrote every report.
def log = new File(basedir, 'build.log').text
assert log =~ /src\/main\/java\/bank\/Bank\.java:\d+ +GL_LOCK_ORDER_INVERSION/
assert log.contains('BUILD FAILURE')
assert log.contains('gridlock: findings at or above priority low')
def target = new File(basedir, 'target')
def sarif = new groovy.json.JsonSlurper().parse(new File(target, 'gridlock.sarif'))
def results = sarif.runs[0].results
assert results.size() == 1 : results
assert results[0].ruleId == 'GL_LOCK_ORDER_INVERSION'
assert results[0].locations[0].physicalLocation.artifactLocation.uri == 'src/main/java/bank/Bank.java'
def html = new File(target, 'gridlock.html').text
assert html.contains('class="edge on-cycle"')
assert html.contains('Bank.checking')
assert new File(target, 'gridlock/docs/patterns/GL_LOCK_ORDER_INVERSION.md').isFile()
def export = new groovy.json.JsonSlurper().parse(new File(target, 'gridlock-locks.json'))
assert export.format == 'gridlock-lock-graph/1'
assert export.edges.count { it.onCycle } == 2 : export.edges
return true
