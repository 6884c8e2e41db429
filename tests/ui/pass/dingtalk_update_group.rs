use group_api::dingtalk::{ManagementOptions, MentionAllAuthority, OwnerType, UpdateGroupRequest};

fn main() {
    let request = UpdateGroupRequest::builder()
        .chatid("chatxxxx")
        .name("全员群。")
        .owner("04201724372xxxx")
        .owner_type(OwnerType::Emp)
        .add_useridlist(["userid1"])
        .del_useridlist(vec![String::from("userid1")])
        .add_extidlist(["unionId"])
        .del_extidlist(["unionId"])
        .icon("@mediaId")
        .management_options(ManagementOptions::builder().mention_all_authority(MentionAllAuthority::Everyone).build())
        .build()
        .unwrap();
    assert!(serde_json::to_string(&request).unwrap().starts_with(r#"{"chatid":"chatxxxx","name":"全员群。""#));

    // The acceptance example: only the required field.
    let minimal = group_api::dingtalk::UpdateGroupRequest::builder().chatid("c").build().unwrap();
    assert_eq!(serde_json::to_string(&minimal).unwrap(), r#"{"chatid":"c"}"#);
}
