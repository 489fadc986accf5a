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

    public long taskResult(List<Integer> data) throws InterruptedException {
        ResultWithoutJoin.SumTask task = new ResultWithoutJoin.SumTask(data);
        Thread t = new Thread(task, "task");
        t.start();
        t.join();
        return task.total;
    }

    static long lastTotal;

    public long staticResult(List<Integer> data) throws InterruptedException {
        Thread t = new Thread(() -> lastTotal = ResultWithoutJoin.compute(data));
        t.start();
        t.join();
        return lastTotal;
    }

    public long capturedHolder(List<Integer> data) throws InterruptedException {
        ResultWithoutJoin.Holder h = new ResultWithoutJoin.Holder();
        Thread t = new Thread(() -> h.value = ResultWithoutJoin.compute(data));
        t.start();
        t.join();
        return h.value;
    }

    private long early;

    public long readBeforeJoin(List<Integer> data) throws InterruptedException {
        Thread t = new Thread(() -> early = ResultWithoutJoin.compute(data));
        t.start();
        t.join();
        return early;
    }
}
