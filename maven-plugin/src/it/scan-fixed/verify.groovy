// The fixed twin: the scan runs, finds nothing, and the build passes.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert !log.contains('GL_LOCK_ORDER_INVERSION')
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/gridlock.sarif'))
assert sarif.runs[0].results.isEmpty()
def export = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/gridlock-locks.json'))
assert export.edges.size() == 1 && !export.edges[0].onCycle : export.edges
return true
