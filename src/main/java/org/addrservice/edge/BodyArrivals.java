package org.addrservice.edge;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * The request's body as it arrives, counted, each chunk copied out of the network buffer that holds
 * it: a client sending one small packet at a time must not pin a buffer per packet.
 */
final class BodyArrivals extends Request.Wrapper {

  private final AtomicLong count = new AtomicLong();

  BodyArrivals(Request request) {
    super(request);
  }

  /** The bytes of the body read so far. */
  long count() {
    return count.get();
  }

  @Override
  public Content.Chunk read() {
    Content.Chunk chunk = super.read();
    if (chunk == null || Content.Chunk.isFailure(chunk) || !chunk.hasRemaining()) {
      return chunk;
    }
    byte[] copy = new byte[chunk.remaining()];
    chunk.getByteBuffer().get(copy);
    boolean last = chunk.isLast();
    chunk.release();
    count.addAndGet(copy.length);
    return Content.Chunk.from(ByteBuffer.wrap(copy), last);
  }

  /**
   * Jetty's body reader fails its source when the body goes wrong, after it has told the gate; the
   * gate has by then failed the request itself, before it answered.
   */
  @Override
  public void fail(Throwable failure) {}
}
