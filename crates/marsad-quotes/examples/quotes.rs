//! Prints the quotes of a plain-text article read from stdin, one JSON
//! object per line: `cargo run -p marsad-quotes --example quotes < article.txt`.

use std::io::Read;

fn main() {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("quotes: cannot read stdin: {e}");
        std::process::exit(2);
    }
    let article = marsad_quotes::eval::Article {
        url: String::new(),
        content: text,
        title: String::new(),
        date_extracted: String::new(),
    };
    let (_, quotes) = marsad_quotes::eval::quotes_of_article(&article);
    for q in quotes {
        println!("{}", serde_json::to_string(&q).unwrap_or_default());
    }
}
