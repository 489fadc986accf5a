package io.github.gridlock.samples.completion;

import java.util.List;

/** Fixed twin of {@link ResultWithoutJoin}: every read of a thread's result comes after {@code join()}. */
public class ResultWithoutJoinFixed {

    private long result;

    public long sumInBackground(List<Integer> data) throws InterruptedException {
        Thread t = new Thread(() -> result = ResultWithoutJoin.compute(data), "summer");
        t.start();
        t.join();
        return result;
    }

    public long subclassResult(List<Integer> data) throws InterruptedException {
        ResultWithoutJoin.Summer s = new ResultWithoutJoin.Summer(data);
        s.start();
        s.join();
        return s.total;
    }

    public long maybeJoined(List<Integer> data) throws InterruptedException {
        long[] cell = new long[1];
        Thread t = new Thread(() -> cell[0] = ResultWithoutJoin.compute(data));
        t.start();
        t.join();
        return cell[0];
    }
}
