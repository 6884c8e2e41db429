use group_api::dingtalk::UpdateGroupNickRequest;

fn main() {
    // Setters can come in any order.
    let request = UpdateGroupNickRequest::builder()
        .group_nick("DingTalk Assistant")
        .chatid("chate3929fxxxx")
        .userid("user123")
        .build()
        .unwrap();
    let json = serde_json::to_value(&request).unwrap();
    assert_eq!(json["group_nick"], "DingTalk Assistant");
}
