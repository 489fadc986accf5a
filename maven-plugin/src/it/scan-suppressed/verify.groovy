// Both inversions are there, one suppressed in the code, one excluded by the filter file: the build passes.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/gridlock.sarif'))
assert sarif.runs[0].results.isEmpty() : sarif.runs[0].results
// The analysis saw both cycles: the lock export has their four edges on cycles.
def export = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/gridlock-locks.json'))
assert export.edges.count { it.onCycle } == 4 : export.edges
return true
