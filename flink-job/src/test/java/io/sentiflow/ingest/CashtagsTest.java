package io.sentiflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CashtagsTest {

    @Test
    void extractsTickersAndShareClassesWithoutDollarSign() {
        assertThat(Cashtags.extract("$AAPL beats, $BRK.B flat, $msft. ($TSLA)"))
                .containsExactly("AAPL", "BRK.B", "MSFT", "TSLA");
    }

    @Test
    void ignoresAmountsAndDollarsGluedToWords() {
        assertThat(Cashtags.extract("raised $100 at a $1.5B valuation, US$5, a$AAPL, $$X, $TOOLONGX"))
                .isEmpty();
    }

    @Test
    void keepsFirstAppearanceOrderWithoutDuplicates() {
        assertThat(Cashtags.extract("$TSLA then $AAPL then $tsla again")).containsExactly("TSLA", "AAPL");
    }

    @Test
    void mergesProducerEntitiesFirstUpperCasedAndDeduplicated() {
        List<String> merged = Cashtags.mergeWithEntities(
                Arrays.asList(" aapl ", "NVDA", "", null), "$NVDA and $AMD rally with $AAPL");
        assertThat(merged).containsExactly("AAPL", "NVDA", "AMD");
    }

    @Test
    void mergeAcceptsMissingProducerEntities() {
        assertThat(Cashtags.mergeWithEntities(null, "no tickers here")).isEmpty();
        assertThat(Cashtags.mergeWithEntities(null, "$GME")).containsExactly("GME");
    }
}
