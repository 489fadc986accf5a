package io.github.gridlock.detectors.inputs;

/** Inputs for the call graph: an interface call reaches every analysed implementation. */
public class Dispatch {
    static final Object LEFT = new Object();
    static final Object RIGHT = new Object();

    interface Task {
        void work();
    }

    static class LeftTask implements Task {
        @Override
        public void work() {
            synchronized (LEFT) {
                LEFT.notifyAll();
            }
        }
    }

    static class RightTask implements Task {
        @Override
        public void work() {
            synchronized (RIGHT) {
                RIGHT.notifyAll();
            }
        }
    }

    void runAny(Task task) {
        task.work();
    }

    private Thread worker = new Thread(() -> { });

    void startWorker() {
        worker.start();
    }

    void launch() {
        startWorker();
    }

    int recursive(int depth) {
        return depth <= 0 ? 0 : recursive(depth - 1) + 1;
    }
}
