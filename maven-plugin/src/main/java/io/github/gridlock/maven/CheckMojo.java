package io.github.gridlock.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * The {@code scan} goal as a gate: the same scan and reports, and the build fails when a finding has priority
 * {@code failOn} or higher (with {@code baseline}: a new finding).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.COMPILE,
        threadSafe = true)
public class CheckMojo extends ScanMojo {
    /** Fail on findings of this priority or higher: {@code low} (any reported finding), {@code medium}, {@code high}. */
    @Parameter(property = "gridlock.failOn", defaultValue = "low")
    String failOn;

    @Override
    String failOn() {
        return failOn;
    }
}
