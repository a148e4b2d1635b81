package org.addrservice.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.addrservice.core.EntryFixtures;
import org.junit.jupiter.api.Test;

/** How a page is cut while a store reads its matches: by count and by bytes. */
class StoreSliceTest {

  private static final AddressEntry BILL = EntryFixtures.entry("minimal");

  @Test
  void aPageTakesNoMoreThanItsLimitAndSaysWhetherMoreMatch() {
    PageRequest two = new PageRequest(Optional.empty(), 2, Long.MAX_VALUE, Optional.empty());

    StoreSlice full = fill(two, List.of(10L, 10L, 10L));
    StoreSlice exact = fill(two, List.of(10L, 10L));

    assertThat(full.entries()).containsOnlyKeys("e0", "e1");
    assertThat(full.hasMore()).isTrue();
    assertThat(exact.entries()).containsOnlyKeys("e0", "e1");
    assertThat(exact.hasMore()).isFalse();
  }

  @Test
  void aPageEndsBeforeTheEntryThatWouldTakeItPastItsBytes() {
    PageRequest hundredBytes = new PageRequest(Optional.empty(), 10, 100, Optional.empty());

    StoreSlice cut = fill(hundredBytes, List.of(40L, 60L, 1L));
    StoreSlice under = fill(hundredBytes, List.of(40L, 59L));

    assertThat(cut.entries()).containsOnlyKeys("e0", "e1");
    assertThat(cut.hasMore()).as("the entry that did not fit follows").isTrue();
    assertThat(under.entries()).containsOnlyKeys("e0", "e1");
    assertThat(under.hasMore()).isFalse();
  }

  @Test
  void anEntryLargerThanAPageStillMakesAPageOfItsOwn() {
    PageRequest hundredBytes = new PageRequest(Optional.empty(), 10, 100, Optional.empty());

    StoreSlice first = fill(hundredBytes, List.of(500L, 500L));
    StoreSlice alone = fill(hundredBytes, List.of(500L));
    StoreSlice afterSmall = fill(hundredBytes, List.of(10L, 500L));

    assertThat(first.entries()).containsOnlyKeys("e0");
    assertThat(first.hasMore()).isTrue();
    assertThat(alone.entries()).containsOnlyKeys("e0");
    assertThat(alone.hasMore()).isFalse();
    assertThat(afterSmall.entries()).containsOnlyKeys("e0");
    assertThat(afterSmall.hasMore()).isTrue();
  }

  @Test
  void aPageEndsWhereTheMemoryPagesShareRunsShortButAlwaysHoldsItsFirstEntry() {
    PageMemory memory = new PageMemory(100);
    PageMemory.Share others = memory.share();
    others.tryTake(70);

    StoreSlice.Builder page =
        StoreSlice.builder(
            new PageRequest(Optional.empty(), 10, 1_000, Optional.empty(), memory.share()));

    assertThat(page.admits(50)).as("a first entry is always admitted").isTrue();
    page.add("e0", BILL, 50);
    assertThat(page.admits(10)).as("nothing is free any more").isFalse();
    assertThat(page.build().hasMore()).isTrue();
    assertThat(memory.free()).isEqualTo(-20);
  }

  @Test
  void whatAPageAdmitsIsTakenFromItsShare() {
    PageMemory memory = new PageMemory(1_000);
    PageMemory.Share share = memory.share();

    fill(new PageRequest(Optional.empty(), 10, 1_000, Optional.empty(), share), List.of(40L, 60L));

    assertThat(share.held()).isEqualTo(100);
    share.close();
    assertThat(memory.free()).isEqualTo(1_000);
  }

  /** The page a store builds from matches of these sizes, offered in order until one is refused. */
  private static StoreSlice fill(PageRequest request, List<Long> sizes) {
    StoreSlice.Builder page = StoreSlice.builder(request);
    for (int i = 0; i < sizes.size() && page.admits(sizes.get(i)); i++) {
      page.add("e" + i, BILL, sizes.get(i));
    }
    return page.build();
  }
}
