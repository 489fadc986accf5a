package io.github.gridlock.samples.lockorder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Support class: uploads a line over HTTP. {@code send} blocks (HttpClient.send) but holds no lock, so it is not
 * a finding here; a caller that holds a lock while calling it is ({@link FlushUnderLock#upload}).
 */
public final class RemoteSink {

    private RemoteSink() {
    }

    public static int send(HttpClient client, URI uri, String line) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(line)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
