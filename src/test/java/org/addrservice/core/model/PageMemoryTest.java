package org.addrservice.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The memory pages share: taken entry by entry, given back whole, once. */
class PageMemoryTest {

  @Test
  void aShareTakesOnlyWhatIsFreeAndGivesItAllBackWhenClosed() {
    PageMemory memory = new PageMemory(100);
    PageMemory.Share first = memory.share();
    PageMemory.Share second = memory.share();

    assertThat(first.tryTake(60)).isTrue();
    assertThat(second.tryTake(50)).as("only 40 are free").isFalse();
    assertThat(second.tryTake(40)).isTrue();
    assertThat(memory.free()).isZero();

    first.close();

    assertThat(memory.free()).isEqualTo(60);
    assertThat(second.held()).isEqualTo(40);
  }

  @Test
  void aPagesFirstEntryIsTakenEvenWhenTheMemoryIsShortAndComesBackToo() {
    PageMemory memory = new PageMemory(100);
    PageMemory.Share crowd = memory.share();
    crowd.tryTake(100);
    PageMemory.Share page = memory.share();

    page.take(30);

    assertThat(memory.free()).isEqualTo(-30);
    page.close();
    crowd.close();
    assertThat(memory.free()).isEqualTo(memory.capacity());
  }

  @Test
  void closingAShareTwiceGivesItsBytesBackOnce() {
    PageMemory memory = new PageMemory(100);
    PageMemory.Share share = memory.share();
    share.tryTake(70);

    share.close();
    share.close();

    assertThat(memory.free()).isEqualTo(100);
  }

  @Test
  void concurrentPagesNeverTakeMoreThanThereIs() throws Exception {
    PageMemory memory = new PageMemory(10_000);
    ExecutorService pages = Executors.newFixedThreadPool(8);
    try {
      List<Future<PageMemory.Share>> shares = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        shares.add(
            pages.submit(
                () -> {
                  PageMemory.Share share = memory.share();
                  while (share.tryTake(7)) {
                    assertThat(memory.free()).isNotNegative();
                  }
                  return share;
                }));
      }
      long held = 0;
      for (Future<PageMemory.Share> share : shares) {
        held += share.get().held();
      }
      assertThat(held).isLessThanOrEqualTo(10_000).isGreaterThan(10_000 - 7);
      for (Future<PageMemory.Share> share : shares) {
        share.get().close();
      }
      assertThat(memory.free()).isEqualTo(10_000);
    } finally {
      pages.shutdownNow();
    }
  }

  @Test
  void memoryForPagesHoldsAtLeastOneByte() {
    assertThatIllegalArgumentException().isThrownBy(() -> new PageMemory(0));
    assertThat(PageMemory.unbounded().share().tryTake(Long.MAX_VALUE / 2)).isTrue();
  }
}
