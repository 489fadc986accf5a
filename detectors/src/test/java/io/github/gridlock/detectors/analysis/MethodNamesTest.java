package io.github.gridlock.detectors.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.junit.jupiter.api.Test;

/** Method names as messages show them, also for class files compiled without line numbers. */
class MethodNamesTest {
    private static final MethodDescriptor EVICT =
            DescriptorFactory.instance().getMethodDescriptor("org/example/Pool", "evict", "()V", false);

    @Test
    void aLineIsShownWhenTheClassFileHasOne() {
        assertEquals("Pool.evict():212", MethodNames.at(EVICT, 212));
    }

    @Test
    void noLineNumberTableMeansNoLineRatherThanMinusOne() {
        // Derby's release jars have no LineNumberTable: BCEL answers -1 for every instruction.
        assertEquals("Pool.evict()", MethodNames.at(EVICT, -1));
        assertEquals("Pool.evict()", MethodNames.at(EVICT, 0));
    }

    @Test
    void aLambdaIsNamedByItsEnclosingMethod() {
        MethodDescriptor lambda = DescriptorFactory.instance().getMethodDescriptor("org/example/Pool",
                "lambda$evict$0", "()V", true);
        assertEquals("the lambda in Pool.evict():7", MethodNames.at(lambda, 7));
    }
}
