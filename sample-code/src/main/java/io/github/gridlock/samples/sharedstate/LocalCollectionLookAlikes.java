package io.github.gridlock.samples.sharedstate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

/**
 * Safe look-alikes for GL_CHECK_THEN_ACT: the same check-then-act spelling on collections no other thread can
 * reach (a method-local deque and map), and an emptiness check used only for logging before an act that
 * copes with emptiness by itself.
 */
public class LocalCollectionLookAlikes {

    public static Map<String, Integer> wordCounts(List<String> words) {
        Map<String, Integer> counts = new HashMap<>();
        for (String w : words) {
            if (!counts.containsKey(w)) {
                counts.put(w, 0);
            }
            counts.put(w, counts.get(w) + 1);
        }
        return counts;
    }

    public static int depth(String text) {
        Deque<Character> stack = new ArrayDeque<>();
        int max = 0;
        for (char c : text.toCharArray()) {
            if (c == '(') {
                stack.push(c);
                max = Math.max(max, stack.size());
            } else if (c == ')' && !stack.isEmpty()) {
                stack.pop();
            }
        }
        return max;
    }

    public static String next(BlockingQueue<String> queue) {
        if (queue.isEmpty()) {
            System.out.println("queue looks empty, polling anyway");
        }
        return queue.poll();
    }
}
