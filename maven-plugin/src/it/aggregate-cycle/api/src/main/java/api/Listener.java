package api;

/** Told of every posting; implemented in another module. */
public interface Listener {
    void onEvent();
}
