package fetch_test

import (
	"context"
	"fmt"

	"fineprint/backend/fetch"
)

func ExampleFetcher_Fetch() {
	f := fetch.New(fetch.Options{})
	res, err := f.Fetch(context.Background(), fetch.Request{
		URL:  "https://example.com/terms",
		ETag: `"from-the-last-check"`,
	})
	switch {
	case fetch.KindOf(err) == fetch.KindBotBlocked:
		fmt.Println("blocked:", err)
	case err != nil:
		fmt.Println("failed check:", err)
	case res.NotModified:
		fmt.Println("unchanged")
	default:
		fmt.Println(len(res.Text), "characters of", res.Charset)
	}
}
