#!/bin/bash
# usage: bench/reviews/issue10-lock-order/old-scan.sh OUTDIR
# The lock-order codes on the old releases of bench/reviews/old-deadlocks.md (jars from Maven Central in ~/.m2;
# commons-pool2 2.12.0 from $POOL2, default /tmp/pool2/commons-pool2-2.12.0.jar), at every priority, one text
# report per library. Run from the repository root after building the CLI (./gridlock builds it when needed).
set -u
O=$1; mkdir -p "$O"; R=${M2:-$HOME/.m2/repository}
POOL=$R/commons-pool/commons-pool/1.2/commons-pool-1.2.jar; COLL=$R/commons-collections/commons-collections/2.1/commons-collections-2.1.jar
G="./gridlock scan --min-priority low --fail-on none --only GL_LOCK_ORDER_INVERSION,GL_ARGUMENT_LOCK_ORDER"
$G $R/commons-dbcp/commons-dbcp/1.2/commons-dbcp-1.2.jar $POOL -a $COLL > "$O/dbcp.txt" 2> "$O/dbcp.err"
$G "${POOL2:-/tmp/pool2/commons-pool2-2.12.0.jar}" > "$O/pool2.txt" 2> "$O/pool2.err"
$G $R/log4j/log4j/1.2.13/log4j-1.2.13.jar -a $R/javax/mail/mail/1.4/mail-1.4.jar:$R/javax/activation/activation/1.1/activation-1.1.jar:$R/org/apache/geronimo/specs/geronimo-jms_1.1_spec/1.1.1/geronimo-jms_1.1_spec-1.1.1.jar > "$O/log4j.txt" 2> "$O/log4j.err"
$G $R/org/apache/derby/derbyclient/10.5.3.0/derbyclient-10.5.3.0.jar > "$O/derbyclient.txt" 2> "$O/derbyclient.err"
$G $R/org/apache/derby/derby/10.5.3.0/derby-10.5.3.0.jar > "$O/derby.txt" 2> "$O/derby.err"
$G $R/org/codehaus/groovy/groovy/1.7.9/groovy-1.7.9.jar -a $R/antlr/antlr/2.7.7/antlr-2.7.7.jar:$(ls $R/asm/asm*/3.2/*.jar | tr '\n' ':') > "$O/groovy.txt" 2> "$O/groovy.err"
