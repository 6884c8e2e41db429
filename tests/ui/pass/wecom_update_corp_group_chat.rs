use group_api::wecom::{CorpGroupUser, UpdateCorpGroupChatRequest};

fn main() {
    let request = UpdateCorpGroupChatRequest::builder()
        .chat_id("CHATID")
        .user_ids_to_add(["lisi", "lisi2"])
        .open_user_ids_to_add(["wabc3", "wbcde"])
        .corp_group_user_ids_to_add([
            CorpGroupUser::builder().corp_id("ww3333").user_id("userid123").open_user_id("wx1111").build(),
            CorpGroupUser::builder().corp_id("ww4444").user_id("userid123").open_user_id("wx1111").build(),
        ])
        .build()
        .unwrap();
    assert_eq!(serde_json::to_value(&request).unwrap()["chatId"], "CHATID");
}
